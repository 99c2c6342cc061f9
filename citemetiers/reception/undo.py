"""Undoing the two destructive actions of the reception for a few minutes: cancelling a ticket and
closing the day.

An undo puts each ticket back in the state it left, read from its own transition log, and only when
nothing else happened to the ticket since (its last transition is still the one undone): a ticket that
was cancelled and then, say, moved is not resurrected. The undo is itself a logged transition.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.reception.models import Ticket, TicketEvent, TicketStatus
from citemetiers.reception.ticketing import _log

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# Long enough to notice a wrong click, short enough that the queue has not moved on since.
UNDO_MINUTES = 5
UNDO_WINDOW = timedelta(minutes=UNDO_MINUTES)


def _last_events(tickets: Iterable[Ticket]) -> dict[int, TicketEvent]:
    last: dict[int, TicketEvent] = {}
    for event in TicketEvent.objects.filter(ticket__in=tickets).order_by("at", "id"):
        last[event.ticket_id] = event
    return last


def _restore(ticket: Ticket, event: TicketEvent, transition: str, actor: User, now: datetime) -> None:
    ticket.status = event.from_status
    ticket.finished_at = None
    fields = ["status", "finished_at"]
    if ticket.status == TicketStatus.CALLED:
        # Its adviser has moved on since (they may have called the next visitor): a called visitor comes
        # back to the queue, at their place in time, rather than to a desk where nobody waits for them.
        ticket.status, ticket.adviser, ticket.desk, ticket.called_at = TicketStatus.WAITING, None, "", None
        fields += ["adviser", "desk", "called_at"]
    ticket.save(update_fields=fields)
    _log(ticket, transition, event.to_status, actor, now)


def undoable_cancellations(centre: Centre, *, now: datetime | None = None) -> list[Ticket]:
    """The Cité's tickets cancelled within the undo window and untouched since, newest first."""
    now = now or timezone.now()
    recent = TicketEvent.objects.filter(centre=centre, transition="cancel", at__gte=now - UNDO_WINDOW)
    tickets = list(
        Ticket.objects.for_centre(centre)
        .filter(status=TicketStatus.CANCELLED, pk__in=recent.values("ticket"))
        .select_related("area")
    )
    last = _last_events(tickets)
    return sorted((t for t in tickets if last[t.pk].transition == "cancel"), key=lambda t: last[t.pk].at, reverse=True)


def ticket_cancel_undo(*, ticket: Ticket, actor: User, now: datetime | None = None) -> Ticket:
    """Put a ticket cancelled a moment ago back in the queue where it was."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update(of=("self",)).select_related("area").get(pk=ticket.pk)
        event = _last_events([ticket]).get(ticket.pk)
        if (
            ticket.status != TicketStatus.CANCELLED
            or event is None
            or event.transition != "cancel"
            or event.at < now - UNDO_WINDOW
        ):
            raise DomainError(_("The cancellation of %(ticket)s can no longer be undone.") % {"ticket": ticket.label})
        _restore(ticket, event, "cancel_undo", actor, now)
    return ticket


def _last_closing(centre: Centre, now: datetime) -> datetime | None:
    return (
        TicketEvent.objects.filter(centre=centre, transition="close_day", at__gte=now - UNDO_WINDOW)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )


def day_close_undoable(centre: Centre, *, now: datetime | None = None) -> int:
    """How many tickets the last closing of the day (within the undo window) would give back."""
    now = now or timezone.now()
    at = _last_closing(centre, now)
    if at is None:
        return 0
    tickets = list(Ticket.objects.for_centre(centre).filter(events__transition="close_day", events__at=at))
    last = _last_events(tickets)
    return sum(1 for t in tickets if last[t.pk].transition == "close_day" and t.status == TicketStatus.LEFT)


def day_close_undo(*, centre: Centre, actor: User, now: datetime | None = None) -> int:
    """Reopen the tickets that the last closing of the day turned into "left", if done a moment ago."""
    now = now or timezone.now()
    with transaction.atomic():
        at = _last_closing(centre, now)
        if at is None:
            raise DomainError(_("There is no closing of the day to undo any more."))
        tickets = list(
            Ticket.objects.for_centre(centre)
            .filter(events__transition="close_day", events__at=at, status=TicketStatus.LEFT)
            .order_by("pk")  # the lock order of every write on tickets (see ticketing)
            .select_for_update(of=("self",))
            .select_related("area")
        )
        last = _last_events(tickets)
        reopened = 0
        for ticket in tickets:
            event = last[ticket.pk]
            if event.transition == "close_day":
                _restore(ticket, event, "close_day_undo", actor, now)
                reopened += 1
        if not reopened:
            raise DomainError(_("There is no closing of the day to undo any more."))
        audit_log(
            actor=actor,
            action="reception.day_close_undo",
            target=centre,
            centre=centre,
            changes={"reopened": reopened},
        )
    return reopened
