"""Services of the daily loop: check-in, queues and the ticket state machine.

Ticket numbers are unique and gap-free per area and day: the number is taken under the row
lock of the area's counter, in the transaction that inserts the ticket. "Call next" locks the
oldest waiting ticket with SKIP LOCKED, so two advisers calling at the same instant never get
the same visitor. (SQLite has no row locks; its IMMEDIATE transactions serialise writers.)

Locks are always taken in one order, so that no two transactions wait for each other in a circle:
tickets (by id), then the areas' counters (by area id), then the indicators' day mark, last.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citemetiers.centres.selectors import closed_reason, membership_of
from citemetiers.core.audit import audit_log
from citemetiers.core.db import retry_on_deadlock
from citemetiers.core.errors import DomainError
from citemetiers.events.services import registration_create
from citemetiers.reception.models import (
    AdviceArea,
    Outcome,
    Ticket,
    TicketCounter,
    TicketEvent,
    TicketStatus,
    Visit,
)
from citemetiers.reception.perms import can_act_on_ticket, is_take_over
from citemetiers.reception.signals import day_mark_changed

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre, Organisation
    from citemetiers.events.models import Session
    from citemetiers.territory.models import Service as TerritoryService

PROFILE_FIELDS = ("channel", "age_band", "gender", "situation", "education_level", "residence_area")

S = TicketStatus
# transition name: (statuses it may leave, status it reaches, the words of a refusal)
TRANSITIONS = {
    "call": ({S.WAITING}, S.CALLED, gettext_lazy("called")),
    "recall": ({S.CALLED}, S.CALLED, gettext_lazy("called again")),
    "start": ({S.CALLED}, S.IN_SERVICE, gettext_lazy("received")),
    "finish": ({S.IN_SERVICE}, S.DONE, gettext_lazy("finished")),
    "no_show": ({S.CALLED}, S.NO_SHOW, gettext_lazy("marked as absent")),
    "cancel": ({S.WAITING, S.CALLED}, S.CANCELLED, gettext_lazy("cancelled")),
    "move": ({S.WAITING}, S.CANCELLED, gettext_lazy("moved to another area")),
    "close_day": ({S.WAITING, S.CALLED}, S.LEFT, gettext_lazy("closed")),
}


class IllegalTransition(DomainError):
    pass


def service_date(centre: Centre, when: datetime) -> date:
    """The Cité's own calendar day of a moment: numbering restarts at local midnight."""
    return timezone.localtime(when, ZoneInfo(centre.time_zone)).date()


def _new_secret() -> str:
    # 32 random bytes: far beyond the 128 bits that make a ticket page unguessable.
    return secrets.token_urlsafe(32)[:43]


def _next_number(area: AdviceArea, day: date) -> int:
    """The next number of the area's day, in one statement: the upsert creates the day's counter or
    raises it by one, and keeps its row locked until the caller's transaction ends, so concurrent
    check-ins on any number of processes wait for each other and numbers stay unique and gap-free."""
    table = connection.ops.quote_name(TicketCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (centre_id, area_id, service_date, last_number) VALUES (%s, %s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (area_id, service_date) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [area.centre_id, area.pk, connection.ops.adapt_datefield_value(day)],
        )
        return cursor.fetchone()[0]


def _log(ticket: Ticket, transition: str, from_status: str, actor: User | None, at: datetime) -> None:
    day_mark_changed(centre_id=ticket.centre_id, day=ticket.service_date)
    TicketEvent.objects.create(
        centre_id=ticket.centre_id,
        ticket=ticket,
        transition=transition,
        from_status=from_status,
        to_status=ticket.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=at,
    )


def _issue(
    *,
    visit: Visit,
    area: AdviceArea,
    number: int,
    day: date,
    actor: User | None,
    now: datetime,
    created_at: datetime | None = None,
) -> Ticket:
    """Insert a ticket whose number the caller took, with every other counter, before any mark."""
    ticket = Ticket.objects.create(
        centre_id=visit.centre_id,
        visit=visit,
        area=area,
        service_date=day,
        number=number,
        created_at=created_at or now,
        secret=_new_secret(),
    )
    _log(ticket, "issue", "", actor, now)
    return ticket


@retry_on_deadlock
def visit_check_in(
    *,
    centre: Centre,
    areas: Iterable[AdviceArea],
    profile: Mapping[str, str],
    actor: User | None,
    outcome: str = Outcome.QUEUE,
    organisation: Organisation | None = None,
    service: TerritoryService | None = None,
    workshop: Session | None = None,
    first_need: AdviceArea | None = None,
    now: datetime | None = None,
) -> tuple[Visit, list[Ticket]]:
    """Record an anonymous visit; queue it in each advice area chosen, or record where else it went."""
    now = now or timezone.now()
    areas = list(dict.fromkeys(areas))
    for area in areas:
        if area.centre_id != centre.pk or not area.is_active:
            raise DomainError(_("This advice area is not open in this Cité."), field="areas")
    if first_need is not None and first_need.centre_id != centre.pk:
        raise DomainError(_("This advice area is not open in this Cité."), field="first_need")
    if outcome == Outcome.QUEUE and not areas:
        raise DomainError(_("Choose at least one advice area, or another orientation."), field="areas")
    if outcome != Outcome.QUEUE:
        areas = []
    if outcome != Outcome.PARTNER or (organisation is not None and organisation.centre_id != centre.pk):
        organisation = None
    if outcome != Outcome.PARTNER or (service is not None and service.centre_id != centre.pk):
        service = None
    if outcome != Outcome.WORKSHOP or (workshop is not None and workshop.centre_id != centre.pk):
        workshop = None
    day = service_date(centre, now)
    # A public holiday or a closure of the Cité: nobody is on duty to receive the visitor.
    reason = closed_reason(centre, day)
    if reason:
        message = _("The Cité is closed today (%(reason)s): no visitor can be checked in.")
        raise DomainError(message % {"reason": reason})
    with transaction.atomic():
        # Every write that needs no number comes before the counters: another check-in into the same
        # area waits on the counter's row from the number to the commit, so only the tickets, their
        # logs and the day mark run under it (tests/reception/test_check_in_lock_span.py).
        # The visitor sent to a workshop leaves with their code: registered in the same transaction.
        registration = registration_create(session=workshop, actor=actor, now=now) if workshop else None
        visit = Visit.objects.create(
            centre=centre,
            outcome_session=workshop,
            arrived_at=now,
            first_need=first_need or (areas[0] if areas else None),
            outcome=outcome,
            outcome_organisation=organisation,
            outcome_service=service,
            **{field: profile[field] for field in PROFILE_FIELDS if profile.get(field)},
        )
        # Every counter, in area order, then the tickets, then the day mark: a check-in into [A, B]
        # and one into [B] then wait for each other at B's counter, never in a circle.
        numbers = {area.pk: _next_number(area, day) for area in sorted(areas, key=lambda area: area.pk)}
        tickets = Ticket.objects.bulk_create(
            [
                Ticket(
                    centre_id=centre.pk,
                    visit=visit,
                    area=area,
                    service_date=day,
                    number=numbers[area.pk],
                    created_at=now,
                    secret=_new_secret(),
                )
                for area in areas
            ]
        )
        if tickets:
            who = actor if actor is not None and actor.is_authenticated else None
            TicketEvent.objects.bulk_create(
                [
                    TicketEvent(
                        centre_id=centre.pk,
                        ticket=ticket,
                        transition="issue",
                        from_status="",
                        to_status=ticket.status,
                        actor=who,
                        at=now,
                    )
                    for ticket in tickets
                ]
            )
        day_mark_changed(centre_id=centre.pk, day=day)
    # Handed to the caller for the slip only, never stored on the visit (see Visit.outcome_session).
    visit.registration = registration  # type: ignore[attr-defined]
    return visit, tickets


def _transition(
    ticket: Ticket, name: str, actor: User | None, now: datetime, *, by_adviser: bool = False, **changes: Any
) -> Ticket:
    """Apply a named transition to a ticket locked by the caller, or refuse it in plain words.
    by_adviser: the transition is the adviser's own (recall, receive, finish, absent), see _as_adviser."""
    sources, target, words = TRANSITIONS[name]
    if ticket.status not in sources:
        raise IllegalTransition(
            _("Ticket %(ticket)s is “%(status)s”: it cannot be %(words)s.")
            % {"ticket": ticket.label, "status": TicketStatus(ticket.status).label, "words": words}
        )
    if by_adviser:
        _as_adviser(ticket, actor, now)
    from_status = ticket.status
    ticket.status = target
    for field, value in changes.items():
        setattr(ticket, field, value)
    # Only the columns the transition changes: the rest of the row is not rewritten on every call.
    ticket.save(update_fields=["status", *changes])
    _log(ticket, name, from_status, actor, now)
    return ticket


def _as_adviser(ticket: Ticket, actor: User | None, now: datetime) -> Ticket:
    """Let the ticket's adviser act, or another adviser take the called visitor over, logged as such
    (reception.perms.can_act_on_ticket); refuse anyone else in plain words. No actor is the platform
    itself (a command, a scheduled job), never a person: it is not refused."""
    if actor is None or (ticket.adviser_id is not None and ticket.adviser_id == actor.pk):
        return ticket
    membership = membership_of(actor, ticket.centre_id)
    if not can_act_on_ticket(membership, ticket):
        raise DomainError(
            _("Ticket %(ticket)s is with another adviser: only they can act on it now.") % {"ticket": ticket.label}
        )
    if is_take_over(membership, ticket):
        previous = ticket.adviser
        ticket.adviser = actor
        ticket.save(update_fields=["adviser"])
        _log(ticket, "take_over", ticket.status, actor, now)
        audit_log(
            actor=actor,
            action="ticket.take_over",
            target=ticket,
            centre=ticket.centre,
            changes={"adviser": [previous, actor]},
        )
    return ticket


def _locked(ticket: Ticket) -> Ticket:
    # of=self: the joined area and Cité rows stay unlocked, or every transition of a Cité would queue.
    return Ticket.objects.select_for_update(of=("self",)).select_related("area", "centre").get(pk=ticket.pk)


def ticket_call_next(
    *, centre: Centre, areas: Iterable[AdviceArea], adviser: User, desk: str, now: datetime | None = None
) -> Ticket | None:
    """Call the visitor who has waited longest in these areas; None when nobody waits."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket = (
            Ticket.objects.for_centre(centre)
            .waiting()
            .filter(area__in=list(areas))
            .order_by("created_at", "id")
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("area")
            .first()
        )
        if ticket is None:
            return None
        return _transition(
            ticket, "call", adviser, now, adviser=adviser, desk=desk, called_at=now, call_count=ticket.call_count + 1
        )


def ticket_recall(*, ticket: Ticket, actor: User | None, now: datetime | None = None) -> Ticket:
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        return _transition(
            ticket, "recall", actor, now, by_adviser=True, called_at=now, call_count=ticket.call_count + 1
        )


def ticket_start(*, ticket: Ticket, actor: User | None, now: datetime | None = None) -> Ticket:
    now = now or timezone.now()
    with transaction.atomic():
        return _transition(_locked(ticket), "start", actor, now, by_adviser=True, started_at=now)


def ticket_finish(*, ticket: Ticket, actor: User | None, now: datetime | None = None) -> Ticket:
    now = now or timezone.now()
    with transaction.atomic():
        return _transition(_locked(ticket), "finish", actor, now, by_adviser=True, finished_at=now)


def ticket_no_show(*, ticket: Ticket, actor: User | None, now: datetime | None = None) -> Ticket:
    now = now or timezone.now()
    with transaction.atomic():
        return _transition(_locked(ticket), "no_show", actor, now, by_adviser=True, finished_at=now)


def ticket_cancel(*, ticket: Ticket, actor: User | None, now: datetime | None = None) -> Ticket:
    now = now or timezone.now()
    with transaction.atomic():
        return _transition(_locked(ticket), "cancel", actor, now, finished_at=now)


@retry_on_deadlock
def ticket_move(*, ticket: Ticket, area: AdviceArea, actor: User | None, now: datetime | None = None) -> Ticket:
    """Send a waiting visitor to another area's queue, keeping their place in time."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket = _locked(ticket)
        if area.centre_id != ticket.centre_id or not area.is_active or area.pk == ticket.area_id:
            raise DomainError(_("Choose another open advice area of this Cité."), field="area")
        day = service_date(ticket.centre, now)
        # The new area's counter before the transition's log takes the day mark (the module's lock order).
        number = _next_number(area, day)
        _transition(ticket, "move", actor, now, finished_at=now)
        return _issue(
            visit=ticket.visit, area=area, number=number, day=day, actor=actor, now=now, created_at=ticket.created_at
        )


def tickets_close_day(*, centre: Centre, day: date, actor: User | None, now: datetime | None = None) -> int:
    """At closing, tickets still open are closed as "left without being seen"; none disappears."""
    now = now or timezone.now()
    closed = 0
    with transaction.atomic():
        tickets = (
            Ticket.objects.for_centre(centre)
            .filter(service_date__lte=day, status__in=[S.WAITING, S.CALLED])
            .select_for_update(of=("self",))
            .select_related("area")
            .order_by("pk")
        )
        for ticket in tickets:
            _transition(ticket, "close_day", actor, now, finished_at=now)
            closed += 1
    return closed
