import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from citemetiers.centres.models import Membership, Organisation, OrganisationKind, Partnership
from citemetiers.demo.network import demo_email, role_email
from citemetiers.reception.models import AdviceArea
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")
NETWORK_COORDINATOR = demo_email("reseau")
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
    "/c/paris/settings/themes/",
    "/c/paris/settings/themes/add/",
    "/c/paris/settings/reception/",
    "/c/paris/reception/day/",
    "/c/paris/indicators/",
    "/c/paris/indicators/?step=week",
    "/c/paris/indicators/network/",
    "/c/paris/indicators/import/",
    "/c/paris/indicators/reports/",
    "/accounts/password/change/",
]


def area_names(page):
    return page.locator("#area-table tbody tr td:nth-child(3)").all_inner_texts()


def press_enter_and_wait_for_htmx(page):
    """Press Enter on the focused button and wait until htmx has swapped and settled the response.

    htmx wires up the swapped-in forms only when it settles: a keypress before that would submit natively.
    """
    page.evaluate(
        "() => { window.settled = new Promise(done =>"
        " document.body.addEventListener('htmx:afterSettle', done, {once: true})) }"
    )
    page.keyboard.press("Enter")
    page.evaluate("() => window.settled.then(() => true)")


def test_the_accessibility_check_does_find_violations(page):
    """The axe check is only worth something if it can fail, and says where."""
    page.set_content('<html lang="fr"><body><main><img src="x.png"><input type="text"></main></body></html>')
    with pytest.raises(AssertionError, match=r"image-alt \(critical\)[^\n]*\n\s+img"):
        axe_check(page)


def test_every_settings_page_is_accessible(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    paris = {"centre__slug": "paris"}
    edit_pages = [
        f"/c/paris/settings/areas/{AdviceArea.objects.filter(**paris).first().pk}/",
        f"/c/paris/settings/members/{Membership.objects.filter(**paris).first().pk}/",
        f"/c/paris/settings/partners/{Organisation.objects.filter(**paris).exclude(kind=OrganisationKind.HOST).first().pk}/",
        f"/c/paris/settings/partnerships/{Partnership.objects.filter(**paris).first().pk}/",
    ]
    for path in [*SETTINGS_PAGES, *edit_pages]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_public_account_pages_are_accessible(page, demo, live_server):
    for path in ["/accounts/login/", "/accounts/password/reset/"]:
        page.goto(live_server.url + path)
        axe_check(page)
    page.locator("input[name=email]").fill(PARIS_COORDINATOR)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/password/reset/done/")
    assert len(mail.outbox) == 1
    axe_check(page)


def test_network_pages_are_accessible(page, demo, login, live_server):
    login(page, NETWORK_COORDINATOR)
    expect(page).to_have_url(f"{live_server.url}/network/")
    axe_check(page)
    page.goto(live_server.url + "/network/centres/add/")
    axe_check(page)
    # The network's indicators are the Comparison workspace's first page.
    page.get_by_role("link", name="Comparaison", exact=True).click()
    expect(page.locator("h1")).to_have_text("Indicateurs du réseau")
    # The demo Cités each have more than 5 visits over the last 30 days: their figures are shown.
    expect(page.locator("tbody tr").first).not_to_contain_text("—")
    axe_check(page)


def test_bad_opening_hours_show_an_accessible_error_summary_and_keep_the_input(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    page.goto(live_server.url + "/c/paris/settings/profile/")
    page.get_by_label("Mercredi").fill("14h-10h")
    page.get_by_role("button", name="Enregistrer").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Rien n'a encore été enregistré")
    expect(summary).to_contain_text("la fin précède le début")
    expect(page.get_by_label("Mercredi")).to_have_value("14h-10h")
    expect(page.get_by_label("Mercredi")).to_have_attribute("aria-invalid", "true")
    # The summary's link leads to the field.
    summary.get_by_role("link", name="Mercredi").click()
    expect(page.get_by_label("Mercredi")).to_be_focused()
    axe_check(page)


def test_moving_an_area_down_reorders_the_table_in_place_and_keeps_the_focus(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    page.goto(live_server.url + "/c/paris/settings/areas/")
    before = area_names(page)
    moved = before[0]
    # From the keyboard, as the focus is the thing most easily lost when htmx swaps the table.
    page.get_by_role("button", name=f"Descendre {moved}").focus()
    press_enter_and_wait_for_htmx(page)
    assert area_names(page) == [before[1], before[0], *before[2:]]
    assert page.url == f"{live_server.url}/c/paris/settings/areas/"  # swapped in place, no page load
    expect(page.get_by_role("button", name=f"Descendre {moved}")).to_be_focused()
    # Screen readers hear where the area went, from the status region outside the swapped table.
    expect(page.locator("#area-move-status")).to_have_text(f"{moved} est maintenant en position 2.")
    # Down to the end, one move at a time; there the button says it can go no further, and keeps the focus.
    for position in range(2, len(before)):
        press_enter_and_wait_for_htmx(page)
        assert area_names(page)[position] == moved
    last_button = page.get_by_role("button", name=f"Descendre {moved}")
    expect(last_button).to_have_attribute("aria-disabled", "true")
    expect(last_button).to_be_focused()
    press_enter_and_wait_for_htmx(page)  # one more: nothing moves
    expect(last_button).to_be_focused()
    assert area_names(page) == [*before[1:], moved]
    in_database = AdviceArea.objects.filter(centre__slug="paris").order_by("position").values_list("name", flat=True)
    assert list(in_database) == area_names(page)
    axe_check(page)


def test_switching_the_language_to_english(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    expect(page.get_by_role("heading", name="Coordonner")).to_be_visible()
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer").click()
    expect(page.get_by_role("heading", name="Coordinate")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    assert page.url == f"{live_server.url}/c/paris/"  # back on the page it was changed from
    axe_check(page)


def test_the_lockout_page_explains_itself_accessibly(page, demo, login, live_server):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(page, PARIS_COORDINATOR, password="wrong-guess")
    login(page, PARIS_COORDINATOR)
    expect(page.locator("h1")).to_have_text("Trop de tentatives")
    axe_check(page)


def test_the_dashboard_and_an_activity_report_made_in_the_background(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    page.get_by_role("link", name="Indicateurs").first.click()
    expect(page.locator("h1")).to_have_text("Indicateurs")
    expect(page.get_by_role("table", name="Visites par premier besoin")).to_be_visible()
    page.get_by_label("Pôle").select_option(label="Trouver un emploi")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("table", name="Visites par premier besoin")).to_have_count(0)  # one area only
    axe_check(page)
    page.locator("#main").get_by_role("link", name="Rapports d'activité").click()
    page.get_by_label("Année").select_option(str(timezone.localdate().year))
    page.get_by_role("button", name="Fabriquer le rapport").click()
    download = page.get_by_role("link", name=re.compile(r"Télécharger le rapport \d{4} \(PDF\)"))
    expect(download).to_be_visible(timeout=15_000)
    axe_check(page)
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.endswith(".pdf")
