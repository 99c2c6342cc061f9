"""Reads of the reception: queues, estimated waits, what the screens and the visitor see.

Everything is read from the database on each request, so that every app-server process
answers the same thing: there is no in-process state to keep in step.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from citemetiers.reception.duty import advisers_on_duty_by_area
from citemetiers.reception.models import (
    AdviceArea,
    Interview,
    Outcome,
    Ticket,
    TicketEvent,
    TicketStatus,
    Visit,
)
from citemetiers.reception.ticketing import service_date

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from citemetiers.centres.models import Centre

# Service times are read from this many recent interviews of the area, over at most this many days.
SERVICE_SAMPLE_SIZE = 40
SERVICE_SAMPLE_DAYS = 21
# Below this many samples the estimate would be a guess: say it is unknown.
MIN_SERVICE_SAMPLES = 3
# An adviser who called someone in the area within this time is counted as serving it.
ACTIVE_ADVISER_WINDOW = timedelta(minutes=60)
CALL_TRANSITIONS = ("call", "recall")


@dataclass(frozen=True)
class WaitEstimate:
    """A range of minutes, or unknown with the reason why."""

    low: int | None = None
    high: int | None = None
    reason: str = ""

    @property
    def known(self) -> bool:
        return self.low is not None


@dataclass
class QueueState:
    area: AdviceArea
    waiting: int = 0
    called: int = 0
    in_service: int = 0
    advisers: int = 0
    estimate: WaitEstimate = field(default_factory=WaitEstimate)
    tickets: list[Ticket] = field(default_factory=list)


def _round_up(minutes: float, step: int = 5) -> int:
    return int(math.ceil(minutes / step) * step)


def _round_down(minutes: float, step: int = 5) -> int:
    return int(math.floor(minutes / step) * step)


def service_minutes(area: AdviceArea, *, now: datetime) -> list[float]:
    """Recent durations of a visitor's turn in this area, from being called to the end of the interview."""
    since = now.date() - timedelta(days=SERVICE_SAMPLE_DAYS)
    rows = (
        Ticket.objects.filter(area=area, service_date__gte=since, status=TicketStatus.DONE)
        .exclude(called_at=None)
        .order_by("-finished_at")
        .values_list("called_at", "finished_at")[:SERVICE_SAMPLE_SIZE]
    )
    return [(finished - called).total_seconds() / 60 for called, finished in rows if finished and called]


def service_minutes_by_area(areas: list[AdviceArea], *, now: datetime) -> dict[int, list[float]]:
    """service_minutes() of several areas in one query: each area's latest samples, numbered per area."""
    since = now.date() - timedelta(days=SERVICE_SAMPLE_DAYS)
    rows = (
        Ticket.objects.filter(area__in=areas, service_date__gte=since, status=TicketStatus.DONE)
        .exclude(called_at=None)
        .annotate(rank=Window(RowNumber(), partition_by=F("area_id"), order_by=F("finished_at").desc()))
        .filter(rank__lte=SERVICE_SAMPLE_SIZE)
        .order_by()
        .values_list("area_id", "called_at", "finished_at")
    )
    samples: dict[int, list[float]] = {area.pk: [] for area in areas}
    for area_id, called, finished in rows:
        if finished and called:
            samples[area_id].append((finished - called).total_seconds() / 60)
    return samples


def active_advisers_by_area(centre_id: int, *, now: datetime) -> Counter:
    """For each area of a Cité, the advisers who called one of its visitors within the last hour."""
    calls = TicketEvent.objects.filter(
        centre_id=centre_id, transition__in=CALL_TRANSITIONS, at__gte=now - ACTIVE_ADVISER_WINDOW
    ).exclude(actor=None)
    pairs = calls.values_list("ticket__area", "actor").order_by().distinct()  # no ordering column in DISTINCT
    return Counter(area_id for area_id, _actor in pairs)


def advisers_serving(centre: Centre, *, now: datetime) -> dict[int, int]:
    """For each area of a Cité, how many advisers serve it now: those who called lately, or those the
    roster puts there now when they have not called yet. The queues and the visitor's page read this."""
    active = active_advisers_by_area(centre.pk, now=now)
    on_duty = advisers_on_duty_by_area(centre, now=now)
    return {area_id: max(active.get(area_id, 0), on_duty.get(area_id, 0)) for area_id in active.keys() | on_duty}


def estimate_wait(*, ahead: int, samples: list[float], advisers: int) -> WaitEstimate:
    """How long someone with `ahead` people before them may wait, as an honest range.

    The range spreads from the quick quartile to the slow quartile of recent service times,
    shared between the advisers serving the area.
    """
    if advisers == 0:
        return WaitEstimate(reason="no_adviser")
    if len(samples) < MIN_SERVICE_SAMPLES:
        return WaitEstimate(reason="no_history")
    if ahead == 0:
        return WaitEstimate(low=0, high=_round_up(min(samples) / advisers) if advisers > 1 else 5)
    quick, _median, slow = statistics.quantiles(samples, n=4, method="inclusive")
    low = _round_down(ahead * quick / advisers)
    high = max(_round_up((ahead + 1) * slow / advisers), low + 5)
    return WaitEstimate(low=low, high=high)


def wait_estimate(area: AdviceArea, *, ahead: int, advisers: int, now: datetime) -> WaitEstimate:
    """The one estimated wait every screen shows (visitor's page, reception console, adviser's panel):
    the wait of someone with `ahead` visitors before them in this area's queue, served by `advisers`."""
    return estimate_wait(ahead=ahead, samples=service_minutes(area, now=now), advisers=advisers)


def queue_position_shown(waiting: int) -> int:
    """A queue's estimate is the wait of its last visitor (or of a newcomer when nobody waits): so the
    range the reception reads out is the range the newest ticket's page shows."""
    return max(waiting - 1, 0)


def queues(
    centre: Centre,
    *,
    now: datetime | None = None,
    with_tickets: bool = False,
    areas: list[AdviceArea] | None = None,
) -> list[QueueState]:
    """Every open advice area of a Cité with today's queue: counts and estimated wait.
    areas: only these (open areas of the Cité the caller has read), as the adviser's panel needs."""
    now = now or timezone.now()
    today = service_date(centre, now)
    if areas is None:
        areas = list(AdviceArea.objects.for_centre(centre).active())
    states = {area.pk: QueueState(area=area) for area in areas}
    if not states:
        return []
    counts = (
        Ticket.objects.for_centre(centre)
        .filter(
            area__in=list(states),
            service_date=today,
            status__in=[TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_SERVICE],
        )
        .values("area", "status")
        .annotate(n=Count("id"))
    )
    for row in counts:
        if row["area"] in states:
            setattr(states[row["area"]], row["status"], row["n"])
    if with_tickets:
        for ticket in (
            Ticket.objects.for_centre(centre)
            .filter(service_date=today, status__in=[TicketStatus.WAITING, TicketStatus.CALLED])
            .select_related("area")
            .order_by("created_at", "id")
        ):
            if ticket.area_id in states:
                states[ticket.area_id].tickets.append(ticket)
    serving = advisers_serving(centre, now=now)
    samples = service_minutes_by_area(areas, now=now)
    for state in states.values():
        state.advisers = serving.get(state.area.pk, 0)
        state.estimate = estimate_wait(
            ahead=queue_position_shown(state.waiting), samples=samples[state.area.pk], advisers=state.advisers
        )
    return list(states.values())


def tickets_ahead(ticket: Ticket) -> int:
    """How many visitors of the same queue were there before this one and still wait."""
    return (
        Ticket.objects.filter(area_id=ticket.area_id, service_date=ticket.service_date, status=TicketStatus.WAITING)
        .filter(Q(created_at__lt=ticket.created_at) | Q(created_at=ticket.created_at, id__lt=ticket.id))
        .count()
    )


def ticket_estimate(ticket: Ticket, *, ahead: int | None = None, now: datetime | None = None) -> WaitEstimate:
    """The estimated wait of a waiting visitor, by wait_estimate() as the consoles."""
    now = now or timezone.now()
    return wait_estimate(
        ticket.area,
        ahead=tickets_ahead(ticket) if ahead is None else ahead,
        advisers=advisers_serving(ticket.centre, now=now).get(ticket.area_id, 0),
        now=now,
    )


def _local_day_start(centre: Centre, day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(centre.time_zone))


def display_calls(centre: Centre, *, now: datetime | None = None, limit: int = 8) -> list[TicketEvent]:
    """Today's latest calls, newest first, for the waiting-room screen: each ticket once, at its latest
    call, so that a recalled visitor is not shown twice (nor pushed off the screen by their own recall)."""
    now = now or timezone.now()
    start = _local_day_start(centre, service_date(centre, now))
    later_call = TicketEvent.objects.filter(
        ticket=OuterRef("ticket"), transition__in=CALL_TRANSITIONS, id__gt=OuterRef("id")
    )
    return list(
        TicketEvent.objects.filter(centre=centre, transition__in=CALL_TRANSITIONS, at__gte=start)
        .exclude(Exists(later_call))
        .select_related("ticket__area")
        .order_by("-at", "-id")[:limit]
    )


def display_version(centre: Centre, *, now: datetime | None = None) -> str:
    """Changes whenever somebody is called or called again: the display's ETag. One indexed query."""
    now = now or timezone.now()
    start = _local_day_start(centre, service_date(centre, now))
    last = (
        TicketEvent.objects.filter(centre=centre, transition__in=CALL_TRANSITIONS, at__gte=start)
        .order_by("-at", "-id")
        .values_list("id", flat=True)
        .first()
    )
    return f"{centre.pk}-{start.date().isoformat()}-{last or 0}"


@dataclass
class DaySummary:
    day: date
    visits: int
    outcomes: list[tuple[str, StrOrPromise, int]]
    rows: list[dict]
    still_open: int


def day_summary(centre: Centre, day: date) -> DaySummary:
    """One day of a Cité's reception: visits, where they went, and each queue's tickets by status."""
    visits = Visit.objects.for_centre(centre).filter(
        arrived_at__gte=_local_day_start(centre, day), arrived_at__lt=_local_day_start(centre, day + timedelta(days=1))
    )
    outcome_counts = dict(visits.values_list("outcome").annotate(n=Count("id")))
    outcomes: list[tuple[str, StrOrPromise, int]] = [
        (value, label, outcome_counts.get(value, 0)) for value, label in Outcome.choices
    ]
    tickets = Ticket.objects.for_centre(centre).filter(service_date=day)
    by_area: dict[int, dict] = {}
    for area in AdviceArea.objects.for_centre(centre):
        by_area[area.pk] = {
            "area": area,
            "total": 0,
            "moved": 0,
            "waits": [],
            "durations": [],
            **dict.fromkeys(TicketStatus, 0),
        }
    for area_id, status, created, called in tickets.values_list("area", "status", "created_at", "called_at"):
        row = by_area[area_id]
        row[status] += 1
        row["total"] += 1
        if called:
            row["waits"].append((called - created).total_seconds() / 60)
    # A moved ticket ends as "cancelled" in the state machine, but the visitor was sent on to another
    # queue, not turned away: the summary counts it apart, from the transition log.
    moved = TicketEvent.objects.filter(ticket__in=tickets, transition="move").values_list("ticket__area", flat=True)
    for area_id in moved:
        by_area[area_id]["moved"] += 1
        by_area[area_id][TicketStatus.CANCELLED] -= 1
    for area_id, minutes in (
        Interview.objects.for_centre(centre).filter(ticket__service_date=day).values_list("area", "duration_minutes")
    ):
        by_area[area_id]["durations"].append(minutes)
    rows = []
    for row in by_area.values():
        if not row["total"]:
            continue
        row["median_wait"] = round(statistics.median(row["waits"])) if row["waits"] else None
        row["median_duration"] = round(statistics.median(row["durations"])) if row["durations"] else None
        row["interviews"] = len(row["durations"])
        rows.append(row)
    still_open = tickets.filter(status__in=[TicketStatus.WAITING, TicketStatus.CALLED]).count()
    return DaySummary(day=day, visits=visits.count(), outcomes=outcomes, rows=rows, still_open=still_open)
