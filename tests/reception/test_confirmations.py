"""Destructive actions ask first, say what will happen, and cancelling a ticket or closing the day can be
undone for a few minutes. The confirmation is a page of its own: it works without script."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.reception import ticketing, undo
from citemetiers.reception.models import AdviceArea, TicketStatus
from tests.factories import TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, centre, **kwargs):
    return reverse(f"reception:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


@pytest.fixture
def reception(client_as):
    return client_as(Role.RECEPTION)


def test_cancelling_a_ticket_asks_first_and_says_what_will_happen(reception, centre):
    ticket = TicketFactory(centre=centre)
    page = reception.get(url("ticket_cancel", centre, ticket_pk=ticket.pk)).content.decode()
    assert ticket.label in page and 'name="confirm"' in page
    assert reception.post(url("ticket_cancel", centre, ticket_pk=ticket.pk)).status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING


def test_the_console_links_to_the_confirmation_instead_of_cancelling_in_one_click(reception, centre):
    ticket = TicketFactory(centre=centre)
    queues = reception.get(url("queues", centre)).content.decode()
    assert f'href="{url("ticket_cancel", centre, ticket_pk=ticket.pk)}"' in queues
    assert f'action="{url("ticket_cancel", centre, ticket_pk=ticket.pk)}"' not in queues


def test_leaving_a_form_is_never_worded_like_cancelling_a_ticket(reception, centre):
    ticket = TicketFactory(centre=centre)
    move = reception.get(url("ticket_move", centre, ticket_pk=ticket.pk)).content.decode()
    confirm = reception.get(url("ticket_cancel", centre, ticket_pk=ticket.pk)).content.decode()
    assert ">Annuler<" not in move and "Retour à la console d'accueil" in move
    assert "Annuler le ticket" in confirm and "Retour à la console d'accueil" in confirm


def test_a_cancelled_ticket_is_put_back_in_the_queue_by_undo(reception, centre):
    ticket = TicketFactory(centre=centre)
    reception.post(url("ticket_cancel", centre, ticket_pk=ticket.pk), {"confirm": "1"})
    console = reception.get(url("console", centre)).content.decode()
    assert url("ticket_cancel_undo", centre, ticket_pk=ticket.pk) in console
    reception.post(url("ticket_cancel_undo", centre, ticket_pk=ticket.pk))
    ticket.refresh_from_db()
    assert (ticket.status, ticket.finished_at) == (TicketStatus.WAITING, None)
    assert list(ticket.events.values_list("transition", flat=True)) == ["cancel", "cancel_undo"]


def test_a_cancellation_can_no_longer_be_undone_after_five_minutes(centre):
    ticket = TicketFactory(centre=centre)
    now = timezone.now()
    ticketing.ticket_cancel(ticket=ticket, actor=None, now=now)
    with pytest.raises(undo.DomainError):
        undo.ticket_cancel_undo(ticket=ticket, actor=None, now=now + timedelta(minutes=5, seconds=1))
    assert undo.undoable_cancellations(centre, now=now + timedelta(minutes=6)) == []


def test_a_called_ticket_cancelled_by_mistake_comes_back_to_the_queue_not_to_the_desk(centre):
    """Its adviser may have called the next visitor meanwhile: two called visitors at one desk, one unseen."""
    ticket = TicketFactory(centre=centre)
    following = TicketFactory(centre=centre, area=ticket.area)
    adviser = UserFactory()
    ticketing.ticket_call_next(centre=centre, areas=[ticket.area], adviser=adviser, desk="3")
    ticketing.ticket_cancel(ticket=ticket, actor=None)
    ticketing.ticket_call_next(centre=centre, areas=[ticket.area], adviser=adviser, desk="3")
    undo.ticket_cancel_undo(ticket=ticket, actor=None)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.adviser, ticket.desk, ticket.called_at) == (TicketStatus.WAITING, None, "", None)
    assert list(centre.tickets.filter(adviser=adviser, status=TicketStatus.CALLED)) == [following]


def test_closing_the_day_asks_first_and_names_how_many_are_still_waiting(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    for _ in range(3):
        TicketFactory(centre=centre, area=area)
    summary = coordinator.get(url("day_close", centre)).content.decode()
    assert url("day_close_confirm", centre) in summary and '<form method="post">' not in summary
    page = coordinator.get(url("day_close_confirm", centre)).content.decode()
    assert "3 personnes attendent encore" in page
    coordinator.post(url("day_close_confirm", centre))  # no confirm field: nothing happens
    assert centre.tickets.filter(status=TicketStatus.WAITING).count() == 3


def test_closing_before_closing_time_says_the_cite_is_still_open(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    centre.opening_hours = {str(day): [["00:00", "23:59"]] for day in range(7)}
    centre.save()
    TicketFactory(centre=centre)
    page = coordinator.get(url("day_close_confirm", centre)).content.decode()
    assert "23:59" in page


def test_the_closing_of_the_day_is_undone_within_five_minutes(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    first = TicketFactory(centre=centre)
    TicketFactory(centre=centre, area=first.area)
    ticketing.ticket_call_next(centre=centre, areas=[first.area], adviser=UserFactory(), desk="1")
    before = dict(centre.tickets.values_list("pk", "status"))
    assert sorted(before.values()) == [TicketStatus.CALLED, TicketStatus.WAITING]
    coordinator.post(url("day_close_confirm", centre), {"confirm": "1"})
    summary = coordinator.get(url("day_close", centre)).content.decode()
    assert url("day_close_undo", centre) in summary
    coordinator.post(url("day_close_undo", centre))
    # The called visitor's adviser may have left: both come back to the queue.
    assert dict(centre.tickets.values_list("pk", "status")) == dict.fromkeys(before, TicketStatus.WAITING)
    assert centre.tickets.filter(status=TicketStatus.LEFT).count() == 0


def test_an_old_closing_cannot_be_undone(centre):
    TicketFactory(centre=centre)
    now = timezone.now()
    ticketing.tickets_close_day(centre=centre, day=ticketing.service_date(centre, now), actor=None, now=now)
    with pytest.raises(undo.DomainError):
        undo.day_close_undo(centre=centre, actor=None, now=now + timedelta(minutes=6))
    assert centre.tickets.get().status == TicketStatus.LEFT
