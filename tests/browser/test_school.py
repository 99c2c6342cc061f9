import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import demo_email, role_email
from citemetiers.school.models import Contribution, Edition, EditionStatus, Participant
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_ADVISER = role_email("adviser", "paris")
MARSEILLE_ADVISER = role_email("adviser", "marseille")
PARIS_COORDINATOR = role_email("coordinator", "paris")
NETWORK_COORDINATOR = demo_email("reseau")
TITLE = "Visitors who come back with a card"


def test_the_schools_pages_are_accessible(page, demo, login, live_server):
    login(page, NETWORK_COORDINATOR)
    past = Edition.objects.filter(status=EditionStatus.ARCHIVED).order_by("pk").first()
    coming = Edition.objects.get(status=EditionStatus.CALL_OPEN)
    for path in (
        "/network/school/",
        f"/network/school/{past.pk}/",
        f"/network/school/{coming.pk}/manage/",
        f"/network/school/{coming.pk}/decisions/",
        "/network/school/new/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_a_contribution_is_submitted_reviewed_accepted_and_shown_in_the_programme(page, demo, login, live_server):
    edition = Edition.objects.get(status=EditionStatus.CALL_OPEN)
    base = f"{live_server.url}/network/school/{edition.pk}"

    login(page, PARIS_ADVISER)
    page.goto(base + "/call/")
    axe_check(page)
    page.locator("input[name=title]").fill(TITLE)
    page.locator("textarea[name=abstract]").fill("How a card the visitor keeps links their visits, without a name.")
    page.locator("select[name=format]").select_option("practice")
    page.locator("select[name=track]").select_option(index=1)
    page.locator("button[type=submit].primary").click()
    expect(page.locator("tbody")).to_contain_text(TITLE)
    axe_check(page)
    mine = Contribution.objects.get(title=TITLE)

    page.context.clear_cookies()
    login(page, MARSEILLE_ADVISER)
    page.goto(base + "/reviews/")
    section = page.locator(f"section[aria-labelledby=contribution-{mine.pk}]")
    expect(section).not_to_contain_text("Paris")
    axe_check(page)
    for field in section.locator("input[type=number]").all():
        field.fill("4")
    section.get_by_role("button").click()
    expect(page.locator(f"section[aria-labelledby=contribution-{mine.pk}]")).to_contain_text("relue")

    page.context.clear_cookies()
    login(page, NETWORK_COORDINATOR)
    page.goto(base + "/decisions/")
    axe_check(page)
    for other in edition.contributions.exclude(pk=mine.pk):
        form = page.locator(f"section[aria-labelledby=decide-{other.pk}] form").first
        form.locator("select[name$=-status]").select_option("declined")
        form.get_by_role("button").click()
    form = page.locator(f"section[aria-labelledby=decide-{mine.pk}] form").first
    form.locator("select[name$=-status]").select_option("accepted")
    form.get_by_role("button").click()
    slot = page.locator(f"section[aria-labelledby=decide-{mine.pk}] form").nth(1)
    slot.locator("input[name$=-starts_at]").fill("09:30")
    slot.locator("input[name$=-ends_at]").fill("10:30")
    slot.locator("input[name$=-room]").fill("Salle Jaune")
    slot.get_by_role("button").click()
    expect(page.locator(f"section[aria-labelledby=decide-{mine.pk}]")).to_contain_text("Salle Jaune")
    page.goto(base + "/manage/")
    page.locator("form:has(input[name=name][value=publish_programme]) button").click()

    page.context.clear_cookies()
    login(page, PARIS_ADVISER)
    page.goto(base + "/")
    expect(page.locator("table")).to_contain_text(TITLE)
    axe_check(page)


def test_a_participants_agenda_attendance_at_the_door_and_certificate(page, demo, login, live_server):
    """The organisers mark a participant present at a session; the participant downloads a certificate; the
    agenda, the attendance, the manage and the co-authors' pages pass axe."""
    held = Edition.objects.get(status=EditionStatus.HELD)
    base = f"{live_server.url}/network/school/{held.pk}"
    absent = Participant.objects.filter(edition=held, attended=False).select_related("user").order_by("pk").last()

    login(page, NETWORK_COORDINATOR)
    page.goto(base + "/manage/")
    expect(page.get_by_role("link", name="Présence par séance")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Présence par séance").click()
    expect(page.locator("h1")).to_contain_text("Présence")
    axe_check(page)
    page.get_by_role("button", name=f"Marquer {absent.user} présent·e").click()
    expect(page.get_by_role("button", name=f"Présent·e — annuler pour {absent.user}")).to_be_visible()
    axe_check(page)

    page.context.clear_cookies()
    login(page, role_email("adviser", absent.cite.slug))
    page.goto(base + "/agenda/")
    expect(page.locator("h1")).to_contain_text("agenda")
    axe_check(page)
    page.goto(base + "/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Mon attestation de présence (PDF)").click()
    assert download.value.suggested_filename == f"certificate-{held.year}.pdf"

    page.context.clear_cookies()
    login(page, PARIS_COORDINATOR)
    page.goto(live_server.url + "/network/school/mine/")
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)
