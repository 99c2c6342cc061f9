"""Every state-changing form of the consoles and the kiosk carries an idempotency key: a double click or a
resent request does one thing, and the second answer is the first one's (a redirect to the same place)."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.core.idempotency import FIELD
from citemetiers.core.models import IdempotencyKey
from citemetiers.reception import cards, ticketing
from citemetiers.reception.models import AdviceArea, Ticket, TicketStatus, Visit
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db

KEY = "k" * 22


def url(name, centre, **kwargs):
    return reverse(f"reception:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


def keys_in(html: str) -> list[str]:
    return re.findall(rf'<input type="hidden" name="{FIELD}" value="([\w-]+)">', html)


def test_the_same_check_in_posted_twice_makes_one_visit_and_one_ticket(client_as, centre):
    reception = client_as(Role.RECEPTION)
    data = {"outcome": "queue", "areas": [AdviceArea.objects.for_centre(centre).get(code="A").pk], FIELD: KEY}
    first = reception.post(url("check_in", centre), data)
    second = reception.post(url("check_in", centre), data)
    assert (Visit.objects.count(), Ticket.objects.count()) == (1, 1)
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_two_check_ins_with_their_own_keys_make_two_visits(client_as, centre):
    reception = client_as(Role.RECEPTION)
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    for key in ("a" * 22, "b" * 22):
        reception.post(url("check_in", centre), {"outcome": "queue", "areas": [area.pk], FIELD: key})
    assert Visit.objects.count() == 2


def test_a_refused_check_in_does_not_use_up_its_key(client_as, centre):
    reception = client_as(Role.RECEPTION)
    assert reception.post(url("check_in", centre), {"outcome": "queue", FIELD: KEY}).status_code == 422
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    reception.post(url("check_in", centre), {"outcome": "queue", "areas": [area.pk], FIELD: KEY})
    assert Visit.objects.count() == 1


def test_the_same_key_in_another_cite_is_another_request(client_as, centre, other_centre, member):
    reception = client_as(Role.RECEPTION)
    reception.post(
        url("check_in", centre), {"outcome": "queue", "areas": [centre.advice_areas.get(code="A").pk], FIELD: KEY}
    )
    reception.force_login(member(Role.RECEPTION, centre=other_centre).user)
    areas = [other_centre.advice_areas.get(code="A").pk]
    reception.post(url("check_in", other_centre), {"outcome": "queue", "areas": areas, FIELD: KEY})
    assert Visit.objects.filter(centre=other_centre).count() == 1


def test_a_call_again_sent_twice_calls_once(client_as, centre):
    adviser = client_as(Role.ADVISER)
    ticket = TicketFactory(centre=centre)
    ticketing.ticket_call_next(centre=centre, areas=[ticket.area], adviser=adviser.membership.user, desk="1")
    for _ in range(2):
        response = adviser.post(url("ticket_recall", centre, ticket_pk=ticket.pk), {FIELD: KEY})
    ticket.refresh_from_db()
    assert ticket.call_count == 2
    assert response["Location"] == url("adviser", centre)


def test_a_cancel_sent_twice_answers_as_the_first_did(client_as, centre):
    reception = client_as(Role.RECEPTION)
    ticket = TicketFactory(centre=centre)
    path = url("ticket_cancel", centre, ticket_pk=ticket.pk)
    first = reception.post(path, {FIELD: KEY, "confirm": "1"}, follow=True)
    second = reception.post(path, {FIELD: KEY, "confirm": "1"}, follow=True)
    assert second.redirect_chain == first.redirect_chain
    # Not "ticket … cannot be cancelled": the second click is the first one, not a new request.
    assert "message-error" not in second.content.decode()
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CANCELLED
    assert ticket.events.filter(transition="cancel").count() == 1


def test_the_same_kiosk_ticket_request_twice_makes_one_ticket(client, centre):
    key = cards.reception_settings_for(centre).kiosk_key
    area = centre.advice_areas.get(code="C")
    path = reverse("kiosk:area", kwargs={"key": key, "area_pk": area.pk})
    first = client.post(path, {"area": area.pk, FIELD: KEY})
    second = client.post(path, {"area": area.pk, FIELD: KEY})
    assert Ticket.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_every_state_changing_console_form_carries_its_own_key(client_as, centre, client):
    staff = client_as(Role.RECEPTION, Role.ADVISER)
    waiting = TicketFactory(centre=centre)
    reception_page = staff.get(url("console", centre)).content.decode()
    queues = staff.get(url("ticket_cancel", centre, ticket_pk=waiting.pk)).content.decode()
    move = staff.get(url("ticket_move", centre, ticket_pk=waiting.pk)).content.decode()
    session = staff.session
    session[f"adviser_setup:{centre.pk}"] = {"areas": [waiting.area_id], "desk": "1"}
    session.save()
    call_form = staff.get(url("adviser_panel", centre)).content.decode()
    ticketing.ticket_call_next(centre=centre, areas=[waiting.area], adviser=staff.membership.user, desk="1")
    called = staff.get(url("adviser_panel", centre)).content.decode()
    kiosk = client.get(
        reverse(
            "kiosk:area", kwargs={"key": cards.reception_settings_for(centre).kiosk_key, "area_pk": waiting.area_id}
        )
    ).content.decode()
    # check-in; cancel (its confirmation); move; call next; start, call again, did not come; kiosk check-in
    counts = [len(keys_in(page)) for page in (reception_page, queues, move, call_form, called, kiosk)]
    assert counts[0] >= 1 and counts[1] >= 1 and counts[2] == 1 and counts[3] == 1 and counts[4] == 3
    assert counts[5] == 1
    every_key = keys_in(reception_page + queues + move + call_form + called + kiosk)
    assert len(set(every_key)) == len(every_key) and all(len(key) >= 22 for key in every_key)


def test_a_malformed_key_is_ignored_not_a_500(client_as, centre):
    reception = client_as(Role.RECEPTION)
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    response = reception.post(
        url("check_in", centre), {"outcome": "queue", "areas": [area.pk], FIELD: "not a key;" * 50}
    )
    assert response.status_code == 302
    assert not IdempotencyKey.objects.exists()


def test_a_key_with_a_nul_byte_is_refused_before_anything_is_recorded(client_as, centre):
    reception = client_as(Role.RECEPTION)
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    response = reception.post(url("check_in", centre), {"outcome": "queue", "areas": [area.pk], FIELD: "x\x00" * 50})
    assert response.status_code == 400
    assert not IdempotencyKey.objects.exists() and not Ticket.objects.exists()


def test_the_nightly_closing_purges_keys_older_than_a_day(centre):
    old = IdempotencyKey.objects.create(centre=centre, key="o" * 22, response_target="/")
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    recent = IdempotencyKey.objects.create(centre=centre, key="r" * 22, response_target="/")
    call_command("close_reception_day", stdout=io.StringIO())
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_kiosk_form_resent_after_the_ticket_page_went_back_shows_the_start_page_not_the_ticket(client, centre):
    """On a shared kiosk the next visitor's "Back" must not bring up the previous visitor's ticket."""
    settings = cards.reception_settings_for(centre)
    area = centre.advice_areas.get(code="C")
    path = reverse("kiosk:area", kwargs={"key": settings.kiosk_key, "area_pk": area.pk})
    first = client.post(path, {"area": area.pk, FIELD: KEY})
    IdempotencyKey.objects.update(created_at=timezone.now() - timedelta(seconds=settings.kiosk_return_seconds + 1))
    resent = client.post(path, {"area": area.pk, FIELD: KEY})
    assert Ticket.objects.count() == 1
    assert "/tickets/" in first["Location"]
    assert resent["Location"] == reverse("kiosk:start", kwargs={"key": settings.kiosk_key})
    assert "no-store" in client.get(first["Location"])["Cache-Control"]
