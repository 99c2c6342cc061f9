"""The advice areas and themes tables are drawn by the shared components (docs/components.md)."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def _page(client, name, centre):
    response = client.get(reverse(name, kwargs={"centre_slug": centre.slug}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["reception:areas", "reception:themes"])
def test_a_settings_table_is_a_named_region_under_the_page_header(client_as, centre, name):
    ThemeFactory(centre=centre)
    html = _page(client_as(Role.COORDINATOR), name, centre)
    assert 'class="page-header"' in html
    assert 'class="table-scroll"' in html


@pytest.mark.parametrize("name", ["reception:areas", "reception:themes"])
def test_a_settings_table_says_each_status_with_a_badge(client_as, centre, name):
    ThemeFactory(centre=centre)
    html = _page(client_as(Role.COORDINATOR), name, centre)
    assert 'class="badge badge-active"' in html


def test_the_themes_table_gives_way_to_its_empty_state(client_as, centre):
    html = _page(client_as(Role.COORDINATOR), "reception:themes", centre)
    assert 'class="empty-state"' in html
