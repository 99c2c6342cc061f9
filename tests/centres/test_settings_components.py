"""The team and partners tables are drawn by the shared components (docs/components.md): a page
header with its action, a named table that scrolls on a phone, a status badge in words, and the
empty state instead of an empty table."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _page(client, name, centre):
    response = client.get(reverse(name, kwargs={"centre_slug": centre.slug}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["centres:members", "centres:organisations"])
def test_a_settings_table_is_a_named_region_under_the_page_header(client_as, centre, name):
    OrganisationFactory(centre=centre)
    html = _page(client_as(Role.COORDINATOR), name, centre)
    assert 'class="page-header"' in html
    assert 'class="table-scroll"' in html


@pytest.mark.parametrize("name", ["centres:members", "centres:organisations"])
def test_a_settings_table_says_each_status_with_a_badge(client_as, centre, name):
    OrganisationFactory(centre=centre)
    html = _page(client_as(Role.COORDINATOR), name, centre)
    assert 'class="badge badge-active"' in html


def test_the_agreements_table_gives_way_to_its_empty_state(client_as, centre):
    html = _page(client_as(Role.COORDINATOR), "centres:organisations", centre)
    assert 'class="empty-state"' in html


def test_an_agreement_in_force_has_its_badge(client_as, centre):
    PartnershipFactory(centre=centre)
    html = _page(client_as(Role.COORDINATOR), "centres:organisations", centre)
    assert 'class="badge badge-ok"' in html
