"""The dashboard reads summary first, then sections that fold (issue 15: long pages get structure)."""

import re

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _dashboard(client, centre):
    response = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}))
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_key_figures_come_before_every_section(client_as, centre):
    _response, html = _dashboard(client_as(Role.COORDINATOR), centre)
    assert html.index('class="key-figures"') < html.index('<details class="section"')


def test_the_activity_is_open_and_the_profiles_and_interviews_are_folded(client_as, centre):
    _response, html = _dashboard(client_as(Role.COORDINATOR), centre)
    found = re.findall(r'<details class="section"\s+id="section-(\w+)"(\s+open)?', html)
    sections = {code: bool(is_open) for code, is_open in found}
    assert sections == {"activity": True, "visitors": False, "interviews": False}


def test_each_table_is_in_one_section_with_a_link_from_the_summary(client_as, centre):
    response, html = _dashboard(client_as(Role.COORDINATOR), centre)
    codes = [table.code for section in response.context["sections"] for table in section["tables"]]
    assert sorted(codes) == sorted(table.code for table in response.context["tables"])
    for section in response.context["sections"]:
        assert f'href="#section-{section["code"]}"' in html


def test_the_page_actions_are_in_its_header(client_as, centre):
    _response, html = _dashboard(client_as(Role.COORDINATOR), centre)
    header = html[html.index('class="page-header"') : html.index("</header>", html.index('class="page-header"'))]
    assert reverse("indicators:reports", kwargs={"centre_slug": centre.slug}) in header
