"""Events in real Chromium, across separate people and screens: reception registers a visitor to a full
workshop at check-in, the code's page shows its waiting position, a registered code cancels, the waiting
code's page says it has a place, the door checks it in and the events page counts it."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from citemetiers.centres.models import Centre
from citemetiers.demo.network import role_email
from citemetiers.events import services
from citemetiers.events.models import Registration, RegistrationStatus
from citemetiers.indicators.selectors import totals
from tests.browser.conftest import axe_check
from tests.events.factories import EventTypeFactory, SessionFactory

pytestmark = pytest.mark.browser

TITLE = "Forum des métiers du numérique"
TYPE = "Forum"


@pytest.fixture
def full_forum(demo):
    """A forum of Paris that began ten minutes ago, its one place held by a code: full, nobody waiting.

    Its own type, so that its row of the events page's indicators is the test's alone."""
    centre = Centre.objects.get(slug="paris")
    start = timezone.now() - timedelta(minutes=10)
    session = SessionFactory(
        centre=centre,
        event_type=EventTypeFactory(centre=centre, name=TYPE),
        title=TITLE,
        room="Salle 2",
        capacity=1,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    holder = services.registration_create(session=session, actor=None)
    return session, holder


def test_a_full_workshop_waiting_list_promotion_door_and_figures(new_page, full_forum, login, live_server):
    session, holder = full_forum
    base = live_server.url

    # Reception orients the visitor to the full forum at check-in: the slip says they wait, first.
    reception = new_page(viewport={"width": 1280, "height": 900})
    login(reception, role_email("reception", "paris"))
    reception.goto(f"{base}/c/paris/reception/")
    reception.get_by_label("Un atelier ou un événement").check()
    reception.locator("select[name=workshop]").select_option(label=TITLE)
    reception.get_by_role("button", name="Émettre le ticket").click()
    expect(reception.locator("h1")).to_contain_text("Code d'inscription")
    expect(reception.locator("main")).to_contain_text("position 1")
    axe_check(reception)
    waiting = Registration.objects.get(session=session, status=RegistrationStatus.WAITING)
    expect(reception.locator("h1")).to_contain_text(waiting.code)

    # The visitor's phone, from the slip's QR code: the code's page shows the waiting position.
    visitor = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    visitor.goto(f"{base}/e/{waiting.secret}/")
    expect(visitor.locator("#code-status")).to_contain_text("liste d'attente, position 1")
    axe_check(visitor)

    # The code that held the place gives it up from its own page.
    other = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    other.goto(f"{base}/e/{holder.secret}/")
    expect(other.locator("#code-status")).to_contain_text("Vous avez une place.")
    other.get_by_role("button", name="Annuler mon inscription").click()
    expect(other.locator("#code-status")).to_contain_text("Cette inscription est annulée.")
    axe_check(other)

    # The waiting code's page now says it has the freed place.
    visitor.reload()
    expect(visitor.locator("#code-status")).to_contain_text("une place s'est libérée, vous avez une place")
    axe_check(visitor)

    # At the door, reception types the code as the visitor says it (lower case, with a space).
    reception.goto(f"{base}/c/paris/events/{session.pk}/")
    axe_check(reception)
    typed = f"{waiting.code[:3].lower()} {waiting.code[3:].lower()}"
    reception.get_by_role("textbox", name="Code d'inscription").fill(typed)
    reception.get_by_role("button", name="Pointer", exact=True).click()
    expect(reception.locator(".messages")).to_contain_text(f"Code {waiting.code}")
    codes = reception.locator("main table tbody tr")
    expect(codes.filter(has_text=waiting.code)).to_contain_text("Présent·e")
    expect(codes.filter(has_text=holder.code)).to_contain_text("Annulé")
    axe_check(reception)
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.ATTENDED

    # The events page: one forum held, its place filled and attended, no no-show.
    reception.goto(f"{base}/c/paris/events/")
    row = reception.locator("main table").last.locator("tbody tr", has_text=TYPE)
    expect(row.locator("td")).to_have_text([TYPE, "1", "100 %", "100 %", "0"])
    axe_check(reception)

    # The indicators' dashboard of the session's day counts its attendee with the day's others.
    day = timezone.localtime(session.starts_at, ZoneInfo(session.centre.time_zone)).date().isoformat()
    reception.goto(f"{base}/c/paris/indicators/?start={day}&end={day}")
    figure = reception.locator(".key-figure", has_text="Participants aux événements").locator(".key-figure-value")
    attendees = totals(centre=session.centre, start=date.fromisoformat(day), end=date.fromisoformat(day))
    expect(figure).to_have_text(str(attendees.count("event_attended")))
    assert attendees.count("event_attended") >= 1
    axe_check(reception)


def test_the_public_agenda_and_its_snippet_are_accessible(page, full_forum, live_server):
    for path in ("/agenda/paris/", "/agenda/paris/embed/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("body")).to_contain_text(TITLE)
        axe_check(page)


def test_the_staff_pages_of_events_are_accessible(page, full_forum, login, live_server):
    session, _holder = full_forum
    login(page, role_email("coordinator", "paris"))
    for path in (
        "/c/paris/events/",
        f"/c/paris/events/{session.pk}/",
        f"/c/paris/events/{session.pk}/edit/",
        "/c/paris/events/new/",
        "/c/paris/events/workshops/new/",
        "/c/paris/events/types/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
