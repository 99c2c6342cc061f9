import pytest

from citemetiers.centres.demo import DEMO_CENTRES, ITINERANT, NETWORK_LOGINS, demo_email, demo_logins
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

CENTRE_NAMES = {spec.slug: spec.name for spec in DEMO_CENTRES}
ROLE_SECTIONS = {
    "reception": "Accueillir les visiteurs",
    "adviser": "Conseiller",
    "logistics": "Organiser la Cité",
    "partnerships": "Partenariats en vigueur",
    "coordinator": "Coordonner",
}
NETWORK_EMAILS = {demo_email(local) for local, *_ in NETWORK_LOGINS}


@pytest.mark.parametrize("login_info", demo_logins(), ids=lambda login: login.email.split("@")[0])
def test_each_demo_login_lands_on_its_home_page_without_accessibility_violation(
    page, demo, login, live_server, login_info
):
    login(page, login_info.email)
    local = login_info.email.split("@")[0]
    if login_info.email in NETWORK_EMAILS:
        assert page.url == f"{live_server.url}/network/"
        assert page.locator("h1").inner_text() == "Réseau des Cités des métiers"
        assert page.locator("tbody tr").count() == len(DEMO_CENTRES)
    elif local == ITINERANT[0]:
        assert page.url == f"{live_server.url}/"
        assert page.locator("h1").inner_text() == "Choisir une Cité"
        for slug in ITINERANT[2]:
            assert page.get_by_role("link", name=CENTRE_NAMES[slug]).first.is_visible()
    else:
        role, slug = local.split(".")
        assert page.url == f"{live_server.url}/c/{slug}/"
        assert page.locator("h1").inner_text() == CENTRE_NAMES[slug]
        assert page.get_by_role("heading", name=ROLE_SECTIONS[role], exact=True).is_visible()
    assert_accessible(page)
