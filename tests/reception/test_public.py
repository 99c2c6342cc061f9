import re

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.reception import cards, ticketing
from citemetiers.reception.models import Interview, Ticket, TicketStatus
from tests.factories import (
    InterviewFactory,
    OrganisationFactory,
    ReceptionSettingsFactory,
    TicketFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def ticket_url(ticket, name="ticket"):
    return reverse(f"visitor:{name}", kwargs={"secret": ticket.secret})


def test_the_ticket_secret_is_long_enough(centre):
    # 43 url-safe characters carry 258 bits, far beyond the 128 bits asked.
    assert len(TicketFactory(centre=centre).secret) == 43


def test_the_visitor_sees_their_place_then_the_desk(client, centre):
    first = TicketFactory(centre=centre)
    mine = TicketFactory(centre=centre, area=first.area)
    page = client.get(ticket_url(mine)).content.decode()
    assert mine.label in page and 'id="visitor-poller"' in page and "hx-get" in page
    brand = re.search(r'<div class="brand">\s*<a href="/">\s*(.*?)\s*</a>', page).group(1)
    assert brand == centre.name  # the Cité's name heads the page
    status = client.get(ticket_url(mine, "ticket_status")).content.decode()
    assert "1 " in status
    Ticket.objects.filter(pk=mine.pk).update(status=TicketStatus.CALLED, desk="Bureau 4")
    assert "Bureau 4" in client.get(ticket_url(mine, "ticket_status")).content.decode()


def test_the_status_answers_204_until_something_changes_then_stops_polling(client, centre):
    ticket = TicketFactory(centre=centre)
    page = client.get(ticket_url(ticket))
    version = page.context["version"]
    status_url = ticket_url(ticket, "ticket_status")
    assert client.get(status_url, {"v": version}).status_code == 204
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.CALLED, desk="Bureau 2", call_count=1)
    changed = client.get(status_url, {"v": version})
    assert changed.status_code == 200
    assert "Bureau 2" in changed.content.decode() and 'hx-swap-oob="true"' in changed.content.decode()
    assert client.get(status_url, {"v": changed.context["version"]}).status_code == 204
    InterviewFactory(ticket=ticket)
    Ticket.objects.filter(pk=ticket.pk).update(status=TicketStatus.DONE)
    finished = client.get(status_url, {"v": version}).content.decode()
    assert "hx-get" not in finished  # the interview is recorded: nothing more to wait for


def test_the_page_is_never_cached(client, centre):
    response = client.get(ticket_url(TicketFactory(centre=centre)))
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_after_the_interview_the_recommendations_and_the_survey_appear(client, centre):
    partner = OrganisationFactory(centre=centre, name="Mission locale Nord", website="https://ml-nord.example")
    interview = InterviewFactory(
        ticket__centre=centre, orientations=["partner"], recommendations="Atelier CV mardi", notes="secret notes"
    )
    interview.organisations.add(partner)
    page = client.get(ticket_url(interview.ticket)).content.decode()
    assert "Mission locale Nord" in page and "Atelier CV mardi" in page
    assert "secret notes" not in page  # the team's notes are never shown to the visitor
    assert 'name="rating"' in page


def test_the_survey_accepts_a_rating_and_refuses_personal_data(client, centre):
    interview = InterviewFactory(ticket__centre=centre)
    refused = client.post(ticket_url(interview.ticket, "survey"), {"rating": "5", "comment": "moi: a.b@example.org"})
    assert refused.status_code == 422
    assert "<mark" in refused.content.decode()
    interview.refresh_from_db()
    assert interview.satisfaction is None
    client.post(ticket_url(interview.ticket, "survey"), {"rating": "5", "comment": "Merci"})
    interview.refresh_from_db()
    assert (interview.satisfaction, interview.satisfaction_comment) == (5, "Merci")


def test_a_card_is_offered_then_links_later_visits_and_shows_history(client, centre):
    first = InterviewFactory(ticket__centre=centre, recommendations="Salon de l'alternance")
    response = client.post(ticket_url(first.ticket, "card"), {"create": "1"})
    code = response.context["code"]
    assert code in response.content.decode()
    later = TicketFactory(centre=centre)
    client.post(ticket_url(later, "card"), {"code": code})
    later.visit.refresh_from_db()
    first.ticket.visit.refresh_from_db()
    assert first.ticket.visit.card_id is not None
    assert later.visit.card_id == first.ticket.visit.card_id
    history = client.post(reverse("visitor:card_history"), {"code": code}).content.decode()
    assert "Salon de l&#x27;alternance" in history


def test_wrong_card_codes_are_throttled_per_address(client, centre):
    ticket = TicketFactory(centre=centre)
    _card, code = cards.card_create(ticket=TicketFactory(centre=centre))
    for _ in range(cards.MAX_FAILURES):
        assert client.post(ticket_url(ticket, "card"), {"code": "NOPE-NOPE-NOPE-NOPE"}).status_code == 422
    response = client.post(ticket_url(ticket, "card"), {"code": code})
    assert response.status_code == 422
    ticket.visit.refresh_from_db()
    assert ticket.visit.card_id is None


def test_the_display_answers_304_until_somebody_is_called(client, centre):
    key = ReceptionSettingsFactory(centre=centre).display_key
    page = client.get(reverse("display:screen", kwargs={"key": key}))
    assert page.status_code == 200
    feed = reverse("display:feed", kwargs={"key": key})
    first = client.get(feed)
    etag = first["ETag"]
    assert client.get(feed, headers={"If-None-Match": etag}).status_code == 304
    ticket = TicketFactory(centre=centre)
    ticketing.ticket_call_next(centre=centre, areas=[ticket.area], adviser=UserFactory(), desk="Bureau 7")
    changed = client.get(feed, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert ticket.label in changed.content.decode() and "Bureau 7" in changed.content.decode()
    assert changed["ETag"] != etag


def test_the_kiosk_issues_a_ticket_with_the_profile_optional(client, centre):
    key = ReceptionSettingsFactory(centre=centre).kiosk_key
    start = client.get(reverse("kiosk:start", kwargs={"key": key})).content.decode()
    area = centre.advice_areas.get(code="C")
    assert area.name in start
    response = client.post(
        reverse("kiosk:area", kwargs={"key": key, "area_pk": area.pk}), {"area": area.pk, "situation": "jobseeker"}
    )
    ticket = Ticket.objects.get()
    assert response["Location"] == reverse("kiosk:ticket", kwargs={"key": key, "secret": ticket.secret})
    assert (ticket.area, ticket.visit.situation, ticket.visit.age_band) == (area, "jobseeker", "")
    slip = client.get(response["Location"]).content.decode()
    assert ticket.label in slip and "<svg" in slip


def test_the_kiosk_refuses_another_cites_area(client, centre, other_centre):
    key = ReceptionSettingsFactory(centre=centre).kiosk_key
    foreign = other_centre.advice_areas.first()
    assert client.get(reverse("kiosk:area", kwargs={"key": key, "area_pk": foreign.pk})).status_code == 404
    assert not Interview.objects.exists() and not Ticket.objects.exists()


def test_behind_the_proxy_wrong_card_codes_lock_only_the_guessing_address(client, centre, settings):
    """Every request comes from nginx (127.0.0.1): the visitor's own address is in X-Forwarded-For."""
    settings.TRUSTED_PROXY_COUNT = 1
    ticket = TicketFactory(centre=centre)
    _card, code = cards.card_create(ticket=TicketFactory(centre=centre))
    for _ in range(cards.MAX_FAILURES):
        client.post(
            ticket_url(ticket, "card"),
            {"code": "NOPE-NOPE-NOPE-NOPE"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    client.post(
        ticket_url(ticket, "card"), {"code": code}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    ticket.visit.refresh_from_db()
    assert ticket.visit.card_id is not None


def _kiosk_ticket_page(client, centre):
    key = cards.reception_settings_for(centre).kiosk_key
    area = centre.advice_areas.get(code="C")
    response = client.post(reverse("kiosk:area", kwargs={"key": key, "area_pk": area.pk}), {"area": area.pk})
    return key, client.get(response["Location"]).content.decode()


def test_the_kiosk_ticket_returns_to_the_start_page_after_twenty_seconds_without_script(client, centre):
    key, page = _kiosk_ticket_page(client, centre)
    start = reverse("kiosk:start", kwargs={"key": key})
    assert re.search(rf'<noscript>\s*<meta http-equiv="refresh"\s+content="20; url={start}">\s*</noscript>', page)
    assert 'data-return-after="20"' in page  # the visible countdown of the static script


def test_the_kiosk_return_delay_is_a_reception_setting_of_the_cite(client, client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    response = coordinator.post(
        reverse("reception:screens", kwargs={"centre_slug": centre.slug}),
        {"notes_retention_months": 12, "display_chime": "on", "kiosk_return_seconds": 45},
    )
    assert response.status_code == 302
    key, page = _kiosk_ticket_page(client, centre)
    start = reverse("kiosk:start", kwargs={"key": key})
    assert re.search(rf'<meta http-equiv="refresh"\s+content="45; url={start}">', page)


def test_a_kiosk_return_delay_out_of_bounds_is_refused_with_its_message(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    response = coordinator.post(
        reverse("reception:screens", kwargs={"centre_slug": centre.slug}),
        {"notes_retention_months": 12, "kiosk_return_seconds": 2},
    )
    assert "error-summary" in response.content.decode()
    assert cards.reception_settings_for(centre).kiosk_return_seconds == 20
