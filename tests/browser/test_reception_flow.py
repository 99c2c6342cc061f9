"""The daily loop in real Chromium, across separate browser contexts (separate people and screens):
reception checks a visitor in, the waiting-room display shows the call made from the adviser console,
the adviser records the interview, the visitor's own page shows the recommendation and takes a rating."""

import re

import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from citemetiers.reception.models import Interview, ReceptionSettings, Ticket
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

AREA = "Créer son activité"  # area D of the demo Cités, with no demo ticket waiting


def test_check_in_call_display_interview_and_rating(new_page, demo, login, live_server):
    base = live_server.url

    # Reception: the console, keyboard-first check-in, the printable slip.
    reception = new_page(viewport={"width": 1280, "height": 900})
    login(reception, role_email("reception", "paris"))
    reception.goto(f"{base}/c/paris/reception/")
    axe_check(reception)
    reception.get_by_label(AREA).check()
    reception.get_by_role("radio", name="18 à 25 ans").check()
    reception.get_by_role("button", name="Émettre le ticket").click()
    expect(reception.locator(".slip-number")).to_have_text("D-001")
    axe_check(reception)
    ticket = Ticket.objects.get(centre__slug="paris", area__code="D", status="waiting")

    # The waiting-room screen, opened through its secret address.
    display = new_page(viewport={"width": 1920, "height": 1080})
    display.goto(f"{base}/display/{ReceptionSettings.objects.get(centre__slug='paris').display_key}/")
    axe_check(display)

    # The visitor's phone, in English: their place in the queue.
    visitor = new_page(locale="en-GB", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    visitor.goto(f"{base}/t/{ticket.secret}/")
    expect(visitor.locator("#visitor-status")).to_contain_text("0 people before you")
    axe_check(visitor)

    # The adviser chooses the area and a desk, and calls: the display shows it within 2 seconds.
    adviser = new_page(viewport={"width": 1280, "height": 900})
    login(adviser, role_email("adviser", "paris"))
    adviser.goto(f"{base}/c/paris/adviser/")
    axe_check(adviser)
    # The roster's shift of the moment preselects its area (another one at some hours of the day):
    # the adviser serves area D only, where the demo has nobody waiting but our visitor.
    for box in adviser.locator("input[name=areas]:checked").all():
        box.uncheck()
    adviser.get_by_label(AREA).check()
    adviser.get_by_role("textbox", name="Mon bureau").fill("Bureau 5")
    adviser.get_by_role("button", name="Enregistrer").click()
    adviser.get_by_role("button", name="Appeler la personne suivante").click()
    expect(adviser.locator(".big-number")).to_have_text("D-001")
    expect(display.locator(".latest .call-ticket")).to_have_text("D-001", timeout=2_500)
    expect(display.locator(".latest .call-desk")).to_have_text("Bureau 5")
    axe_check(display)
    expect(visitor.locator("#visitor-status")).to_contain_text("go to Bureau 5", timeout=5_000)

    # The interview.
    adviser.get_by_role("button", name="La personne est là : commencer").click()
    adviser.get_by_role("button", name="Terminer et saisir l'entretien").click()
    expect(adviser.locator("h1")).to_have_text("Entretien de D-001")
    axe_check(adviser)
    adviser.get_by_label("Projet de création et financement").check()
    # The occupation combobox: typed without accents, chosen with the arrow keys and Enter.
    search = adviser.get_by_role("combobox", name="Métiers")
    search.press_sequentially("electricien bat", delay=30)
    expect(adviser.locator("#occupation-options [role=option]").first).to_contain_text("lectricien")
    search.press("ArrowDown")
    search.press("Enter")
    expect(adviser.locator("#occupation-chosen li")).to_have_count(1)
    expect(search).to_be_focused()
    adviser.get_by_label("Un atelier ou un événement").check()
    adviser.get_by_label("Recommandations pour la personne").fill("Atelier « Créer sa micro-entreprise », jeudi 14 h")
    adviser.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(adviser.locator(".messages")).to_contain_text("L'entretien de D-001 est enregistré.")
    interview = Interview.objects.get(ticket=ticket)
    assert interview.orientations == ["workshop"]
    assert [o.code for o in interview.occupations.all()] == ["F1602"]

    # The visitor sees the recommendation and rates the interview.
    expect(visitor.locator("#visitor-status")).to_contain_text("Créer sa micro-entreprise", timeout=5_000)
    visitor.get_by_role("link", name="Give your opinion on this interview").click()
    axe_check(visitor)
    visitor.get_by_role("radio", name="5").check()
    visitor.get_by_role("button", name="Send").click()
    expect(visitor.locator("#survey-title + p")).to_contain_text(re.compile("rated your interview 5 out of 5"))
    axe_check(visitor)
    assert Interview.objects.get(ticket=ticket).satisfaction == 5


def test_the_personal_data_guard_marks_what_to_remove(new_page, demo, login, live_server):
    adviser = new_page()
    login(adviser, role_email("adviser", "paris"))
    ticket = Ticket.objects.filter(centre__slug="paris", status="done", interview__isnull=False).first()
    adviser.goto(f"{live_server.url}/c/paris/adviser/tickets/{ticket.pk}/interview/")
    adviser.get_by_label("Notes pour l'équipe").fill("Rappeler Mme Durand au 06 12 34 56 78")
    adviser.get_by_role("button", name="Enregistrer l'entretien").click()
    expect(adviser.get_by_role("alert")).to_contain_text("données personnelles")
    # Both are personal data about a visitor: the name (after its title) and the phone number.
    expect(adviser.locator(".marked-text mark")).to_have_text(["Mme Durand", "06 12 34 56 78"])
    expect(adviser.get_by_label("Notes pour l'équipe")).to_have_value("Rappeler Mme Durand au 06 12 34 56 78")
    axe_check(adviser)


def test_the_kiosk_gives_a_ticket_by_touch(new_page, demo, live_server):
    key = ReceptionSettings.objects.get(centre__slug="paris").kiosk_key
    kiosk = new_page(viewport={"width": 1080, "height": 1920}, has_touch=True)
    kiosk.goto(f"{live_server.url}/kiosk/{key}/")
    axe_check(kiosk)
    kiosk.get_by_role("button", name="English").click()
    kiosk.get_by_role("link", name=re.compile("Creating one's business|Créer son activité")).click()
    axe_check(kiosk)
    kiosk.get_by_role("button", name="Skip and take my ticket").click()
    expect(kiosk.locator(".slip-number")).to_have_text("D-001")
    axe_check(kiosk)


def test_a_check_in_with_the_keyboard_alone(new_page, demo, login, live_server):
    """Focus starts on the first area; Space chooses, Tab and arrows answer, Enter issues the ticket."""
    reception = new_page()
    login(reception, role_email("reception", "paris"))
    reception.goto(f"{live_server.url}/c/paris/reception/")
    expect(reception.get_by_label("Choisir son orientation")).to_be_focused()
    reception.keyboard.press("Space")
    reception.keyboard.press("Enter")
    expect(reception.locator(".slip-number")).to_have_text(re.compile(r"^A-\d{3}$"))
    visit = Ticket.objects.filter(centre__slug="paris", area__code="A").latest("pk").visit
    assert (visit.channel, visit.outcome, visit.age_band) == ("walk_in", "queue", "")
