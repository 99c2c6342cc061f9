import pytest
from django.conf import settings

from citemetiers.centres.demo import role_email
from citemetiers.centres.models import Membership, Organisation, Partnership
from citemetiers.reception.models import AdviceArea
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

SETTINGS_PAGES = [
    "/c/paris/settings/profile/",
    "/c/paris/settings/areas/",
    "/c/paris/settings/areas/add/",
    "/c/paris/settings/members/",
    "/c/paris/settings/members/add/",
    "/c/paris/settings/partners/",
    "/c/paris/settings/partners/add/",
    "/c/paris/settings/partnerships/add/",
    "/c/paris/audit/",
    "/accounts/password/change/",
]


def test_the_accessibility_check_does_find_violations(page):
    """The axe check below is only worth something if it can fail."""
    page.set_content('<html lang="fr"><body><main><img src="x.png"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def test_every_settings_page_is_accessible(page, demo, login, live_server):
    login(page, role_email("coordinator", "paris"))
    objects = {
        "partnerships": Partnership.objects.filter(centre__slug="paris").first(),
        "partners": Organisation.objects.filter(centre__slug="paris").first(),
        "members": Membership.objects.filter(centre__slug="paris").first(),
        "areas": AdviceArea.objects.filter(centre__slug="paris").first(),
    }
    edit_pages = [f"/c/paris/settings/{kind}/{obj.pk}/" for kind, obj in objects.items()]
    for path in [*SETTINGS_PAGES, *edit_pages]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_public_account_pages_are_accessible(page, demo, live_server):
    for path in ["/accounts/login/", "/accounts/password/reset/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)


def test_network_pages_are_accessible(page, demo, login, live_server):
    login(page, "reseau@demo.citemetiers.org")
    for path in ["/network/", "/network/centres/add/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)


def test_bad_opening_hours_show_an_accessible_error_summary_and_keep_the_input(page, demo, login, live_server):
    login(page, role_email("coordinator", "paris"))
    page.goto(live_server.url + "/c/paris/settings/profile/")
    page.get_by_label("Mercredi").fill("14h-10h")
    page.get_by_role("button", name="Enregistrer").click()
    summary = page.get_by_role("alert")
    assert "Rien n'a encore été enregistré" in summary.inner_text()
    assert "la fin précède le début" in summary.inner_text()
    assert page.get_by_label("Mercredi").input_value() == "14h-10h"
    assert_accessible(page)


def test_moving_an_area_down_reorders_the_table_in_place(page, demo, login, live_server):
    login(page, role_email("logistics", "paris"))
    page.goto(live_server.url + "/c/paris/settings/areas/")
    first_row = page.locator("#area-table tbody tr").first
    name = first_row.locator("td").nth(2).inner_text()
    page.get_by_role("button", name=f"Descendre {name}").click()
    page.locator("#area-table tbody tr").nth(1).get_by_role("cell", name=name, exact=True).wait_for()
    assert page.locator("#area-table tbody tr").nth(1).locator("td").nth(2).inner_text() == name
    assert page.url.endswith("/c/paris/settings/areas/")
    assert_accessible(page)


def test_switching_the_language_to_english(page, demo, login, live_server):
    login(page, role_email("coordinator", "paris"))
    assert page.get_by_role("heading", name="Coordonner").is_visible()
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer").click()
    page.get_by_role("heading", name="Coordinate").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_the_lockout_page_explains_itself_accessibly(page, demo, login, live_server):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(page, role_email("coordinator", "paris"), password="wrong-guess")
    login(page, role_email("coordinator", "paris"))
    assert page.locator("h1").inner_text() == "Trop de tentatives"
    assert_accessible(page)
