"""Printed pages (issue 15): no navigation, no buttons nor fields, the content kept, a link's target on paper."""

import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import demo_email, role_email
from citemetiers.events.models import Session
from citemetiers.groups.models import MinutesState, WorkingGroup
from citemetiers.labelling.models import LabelApplication
from citemetiers.projects.models import Project
from citemetiers.territory.models import Service

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")

# What a link prints after its text, read from its ::after box (app.css writes the target there).
LINK_AFTER = "(link) => getComputedStyle(link, '::after').content"


def _printed_paths():
    project = Project.objects.filter(centre__slug="paris").order_by("pk").first()
    group = WorkingGroup.objects.get(centre__slug="paris", title="Accueil et orientation avec les partenaires")
    held = group.meetings.filter(minutes__state=MinutesState.FROZEN).first()
    return [f"/c/paris/projects/{project.pk}/", f"/c/paris/groups/meetings/{held.pk}/minutes/"]


def test_a_printed_page_shows_its_links_targets_and_no_navigation(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    for path in _printed_paths():
        page.emulate_media(media="screen")
        page.goto(live_server.url + path)
        page.emulate_media(media="print")
        expect(page.locator(".site-header")).to_be_hidden()
        for nav in page.locator("nav").all():
            expect(nav).to_be_hidden()
        links = page.locator("main a[href]:not([href^='#'])")
        assert links.count() >= 1, path
        href = links.first.get_attribute("href")
        assert href in links.first.evaluate(LINK_AFTER), (path, href)


NETWORK_COORDINATOR = demo_email("reseau")
# What acts on a page has no place on paper: buttons and the fields of forms.
CONTROLS = "main button, main .button, main input:not([type=hidden]), main select, main textarea"


def _print(page, url, *, acts=True):
    page.emulate_media(media="screen")
    page.goto(url)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    for nav in page.locator("nav").all():
        expect(nav).to_be_hidden()
    controls = page.locator(CONTROLS)
    if acts:
        assert controls.count() >= 1, url  # the page on screen has something to act with
    for control in controls.all():
        expect(control).to_be_hidden()


def test_the_printed_session_page_is_its_list_of_codes(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    session = Session.objects.filter(centre__slug="paris", title="Job dating hôtellerie-restauration").get()
    codes = list(session.registrations.values_list("code", flat=True))
    assert codes
    _print(page, f"{live_server.url}/c/paris/events/{session.pk}/")
    for code in codes:
        expect(page.locator("main table").get_by_text(code, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Inscrire un visiteur")).to_be_hidden()
    expect(page.get_by_role("link", name="Modifier la séance")).to_be_hidden()


def test_the_printed_labelling_dossier_keeps_each_requirement_and_its_status(page, demo, login, live_server):
    login(page, NETWORK_COORDINATOR)
    application = LabelApplication.objects.get(territory="Région de Bruxelles-Capitale")
    _print(page, f"{live_server.url}/network/labelling/{application.pk}/")
    requirement = application.requirements.order_by("pk").first()
    # The table of the criteria, after the frozen evidence's own tables.
    criteria = page.locator("main table").filter(
        has=page.locator("caption", has_text="Autoévaluation, pièces et constats")
    )
    row = criteria.locator("tbody tr").first
    expect(row).to_contain_text(str(requirement.criterion))
    # The status is a field to change on screen: on paper it is read as text.
    expect(row).to_contain_text(requirement.get_status_display())
    expect(page.get_by_role("heading", name="Étapes suivantes")).to_be_visible()


def test_the_printed_service_page_is_its_address_and_hours(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    service = Service.objects.filter(centre__slug="paris").exclude(opening_hours="").order_by("pk").first()
    _print(page, f"{live_server.url}/c/paris/territory/services/{service.pk}/", acts=False)
    expect(page.locator("main h1")).to_have_text(service.name)
    expect(page.locator("main dl")).to_contain_text(service.hours)
    expect(page.get_by_role("link", name="Modifier ce service")).to_be_hidden()
    expect(page.get_by_role("link", name="Retour à l’annuaire")).to_be_hidden()


def test_a_printed_availability_keeps_its_weekly_half_days(page, demo, login, live_server):
    """A form whose fields are the page's content prints them (.print-keep); the other forms do not."""
    login(page, role_email("adviser", "paris"))
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/c/paris/roster/availability/")
    page.emulate_media(media="print")
    weekly = page.locator("main form.print-keep input[type=checkbox]")
    assert weekly.count() >= 1
    expect(weekly.first).to_be_visible()
    for form in page.locator("main form[method=post]:not(.print-keep)").all():
        expect(form).to_be_hidden()
