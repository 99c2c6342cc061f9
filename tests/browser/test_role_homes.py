import re

import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import DEMO_CENTRES, ITINERANT, NETWORK_LOGINS, demo_email, demo_logins
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

CENTRE_NAMES = {spec.slug: spec.name for spec in DEMO_CENTRES}
# The section of the Cité's home page that each role sees (centres/home.html, in French).
ROLE_SECTIONS = {
    "reception": "Accueillir les visiteurs",
    "adviser": "Conseiller",
    "logistics": "Organiser la Cité",
    "partnerships": "Partenariats en vigueur",
    "coordinator": "Coordonner",
}
NETWORK_EMAILS = {demo_email(local) for local, *_ in NETWORK_LOGINS}


def test_every_demo_login_is_covered():
    network, itinerant = len(NETWORK_LOGINS), 1
    assert len(demo_logins()) == network + len(DEMO_CENTRES) * len(ROLE_SECTIONS) + itinerant


@pytest.mark.parametrize("demo_login", demo_logins(), ids=lambda login: login.email.split("@")[0])
def test_each_demo_login_lands_on_its_home_page_without_accessibility_violation(
    page, demo, login, live_server, demo_login
):
    login(page, demo_login.email)
    local = demo_login.email.split("@")[0]
    if demo_login.email in NETWORK_EMAILS:
        # Network staff without a Cité go straight to the network (network.views.home).
        expect(page).to_have_url(f"{live_server.url}/network/")
        expect(page.locator("h1")).to_have_text("Réseau des Cités des métiers")
        expect(page.locator("tbody tr")).to_have_count(len(DEMO_CENTRES))
    elif local == ITINERANT[0]:
        # Two Cités and none used yet in this session: the chooser.
        expect(page).to_have_url(f"{live_server.url}/")
        expect(page.locator("h1")).to_have_text("Choisir une Cité")
        for slug in ITINERANT[2]:
            expect(page.locator("main").get_by_role("link", name=CENTRE_NAMES[slug], exact=True)).to_be_visible()
    else:
        role, slug = local.split(".")
        expect(page).to_have_url(f"{live_server.url}/c/{slug}/")
        expect(page.locator("h1")).to_have_text(CENTRE_NAMES[slug])
        expect(page.get_by_role("heading", name=ROLE_SECTIONS[role], exact=True)).to_be_visible()
        # Only what its role does (a coordinator also follows the partnerships in force).
        seen = {role, "partnerships"} if role == "coordinator" else {role}
        for other in ROLE_SECTIONS.keys() - seen:
            expect(page.get_by_role("heading", name=ROLE_SECTIONS[other], exact=True)).to_have_count(0)
    expect(page).to_have_title(re.compile(r"\S"))
    axe_check(page)
