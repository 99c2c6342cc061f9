"""Reads of the rosters: calendars, an adviser's own duty, partnership follow-up, who is on duty now,
and the events advisers facilitate (the half-days they are not free for duty)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.utils import timezone

from citemetiers.centres.models import Membership, Partnership
from citemetiers.centres.selectors import closed_days
from citemetiers.events.selectors import Facilitation, facilitations_between
from citemetiers.reception.duty import ShiftNow
from citemetiers.reception.models import AdviceArea, Interview
from citemetiers.rosters.forecast import demand_forecast
from citemetiers.rosters.models import Absence, Availability, Coverage, Desk, Proposal, Shift, Slot
from citemetiers.rosters.slots import SlotHours, days, open_cells, slot_of

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre


@dataclass
class CellEvent:
    """A session in a half-day of the roster, with the people who facilitate it."""

    session_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    facilitators: list[str] = field(default_factory=list)


@dataclass
class CalendarCell:
    day: date
    slot: str
    open: bool
    closed_reason: str = ""  # a public holiday's name or a closure's reason, on a day the Cité closes
    by_area: dict[int, list[Shift]] = field(default_factory=dict)
    expected: dict[int, float] = field(default_factory=dict)
    needed: dict[int, int] = field(default_factory=dict)
    events: list[CellEvent] = field(default_factory=list)


Cell = tuple[date, str]


def facilitations_by_cell(
    centre: Centre, cells: dict[Cell, SlotHours], *, user_ids: Iterable[int] | None = None
) -> dict[Cell, list[Facilitation]]:
    """The sessions facilitated in each open half-day: those that overlap its opening hours (a session
    at lunchtime or in the evening crosses no duty), in one query for the whole period."""
    if not cells:
        return {}
    zone = ZoneInfo(centre.time_zone)
    first, last = min(day for day, _slot in cells), max(day for day, _slot in cells)
    found: dict[Cell, list[Facilitation]] = defaultdict(list)
    for item in facilitations_between(
        centre=centre,
        start=datetime.combine(first, time.min, tzinfo=zone),
        end=datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
        user_ids=user_ids,
    ):
        starts_on = timezone.localtime(item.starts_at, zone).date()
        ends_on = timezone.localtime(item.ends_at, zone).date()
        for day in days(max(starts_on, first), min(ends_on, last)):
            for slot in Slot.values:
                hours = cells.get((day, slot))
                if hours is None:
                    continue
                opens = datetime.combine(day, hours.start, tzinfo=zone)
                # An afternoon open until midnight ends at 00:00 of the next day.
                closes = datetime.combine(day + timedelta(days=hours.end <= hours.start), hours.end, tzinfo=zone)
                if item.starts_at < closes and item.ends_at > opens:
                    found[(day, slot)].append(item)
    return found


def busy_with_events(centre: Centre, cells: dict[Cell, SlotHours], *, user_ids: Iterable[int]) -> dict[int, set[Cell]]:
    """Per person, the open half-days a session they facilitate takes: the planner keeps them off duty there."""
    busy: dict[int, set[Cell]] = defaultdict(set)
    for cell, items in facilitations_by_cell(centre, cells, user_ids=user_ids).items():
        for item in items:
            busy[item.user_id].add(cell)
    return busy


def _cell_events(items: list[Facilitation]) -> list[CellEvent]:
    events: dict[int, CellEvent] = {}
    for item in items:
        event = events.setdefault(item.session_id, CellEvent(item.session_id, item.title, item.starts_at, item.ends_at))
        event.facilitators.append(item.name)
    return list(events.values())


def calendar(
    centre: Centre,
    starts_on: date,
    ends_on: date,
    *,
    area: AdviceArea | None = None,
    membership: Membership | None = None,
    today: date | None = None,
) -> tuple[dict[tuple[date, str], CalendarCell], list[AdviceArea]]:
    """Every half-day of the period with its shifts per area, and the forecast beside them."""
    cells = open_cells(centre, starts_on, ends_on)
    closed = closed_days(centre, starts_on, ends_on)
    shifts = Shift.objects.for_centre(centre).filter(date__range=(starts_on, ends_on))
    if area is not None:
        shifts = shifts.filter(area=area)
    if membership is not None:
        shifts = shifts.filter(membership=membership)
    forecast = demand_forecast(centre, today=today or timezone.localdate())
    grid = {}
    for day in days(starts_on, ends_on):
        for slot in Slot.values:
            hours = cells.get((day, slot))
            grid[(day, slot)] = CalendarCell(day, slot, hours is not None, closed.get(day, ""))
    areas = list(AdviceArea.objects.for_centre(centre).active())
    for (day, slot), hours in cells.items():
        cell = grid[(day, slot)]
        for item in areas:
            visitors = forecast.visitors(item.pk, day, slot)
            if visitors:
                cell.expected[item.pk] = round(visitors, 1)
                cell.needed[item.pk] = forecast.advisers_needed(item.pk, day, slot, hours.minutes)
    for shift in shifts.select_related("membership__user", "membership__organisation", "desk", "area"):
        grid[(shift.date, shift.slot)].by_area.setdefault(shift.area_id, []).append(shift)
    user_ids = [membership.user_id] if membership is not None else None
    for cell_key, items in facilitations_by_cell(centre, cells, user_ids=user_ids).items():
        grid[cell_key].events = _cell_events(items)
    return grid, areas


def advisers_on_duty_by_area(centre: Centre, *, now: datetime) -> dict[int, int]:
    """Advisers the roster puts in each advice area of the Cité for the current half-day, in one query."""
    local = timezone.localtime(now, ZoneInfo(centre.time_zone))
    rows = (
        Shift.objects.for_centre(centre)
        .filter(date=local.date(), slot=slot_of(local))
        .values_list("area_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def shift_now(membership: Membership, *, now: datetime) -> Shift | None:
    """The adviser's shift of the current half-day, in their Cité's time."""
    local = timezone.localtime(now, ZoneInfo(membership.centre.time_zone))
    return (
        Shift.objects.filter(membership=membership, date=local.date(), slot=slot_of(local))
        .select_related("desk")
        .first()
    )


def duty_place_now(membership: Membership, *, now: datetime) -> ShiftNow | None:
    """The adviser's area and desk of the current half-day, as reception's console preselects them."""
    shift = shift_now(membership, now=now)
    return ShiftNow(area_id=shift.area_id, desk=shift.desk.name) if shift else None


@dataclass
class PartnerMonth:
    partnership: Partnership
    committed: float
    planned: float
    served: float


def partnership_follow_up(centre: Centre, month: date) -> list[PartnerMonth]:
    """Hours each partner committed for the month, planned on the roster, and actually served in interviews."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    cells = open_cells(centre, first, last)
    planned_minutes: dict[int, float] = defaultdict(float)
    for shift in Shift.objects.for_centre(centre).filter(date__range=(first, last)).select_related("membership"):
        hours = cells.get((shift.date, shift.slot))
        if hours and shift.membership.organisation_id:
            planned_minutes[shift.membership.organisation_id] += hours.minutes
    employer = dict(Membership.objects.for_centre(centre).values_list("user_id", "organisation_id"))
    served_minutes: dict[int, float] = defaultdict(float)
    for adviser, minutes in (
        Interview.objects.filter(centre=centre, ticket__service_date__range=(first, last))
        .values_list("adviser")
        .annotate(total=Sum("duration_minutes"))
    ):
        if employer.get(adviser):
            served_minutes[employer[adviser]] += minutes or 0
    rows = []
    for partnership in (
        Partnership.objects.for_centre(centre)
        .filter(is_active=True, starts_on__lte=last)
        .exclude(ends_on__lt=first)
        .select_related("organisation")
        .order_by("organisation__name")
    ):
        org = partnership.organisation_id
        rows.append(
            PartnerMonth(
                partnership,
                committed=partnership.adviser_hours_per_month,
                planned=round(planned_minutes[org] / 60, 1),
                served=round(served_minutes[org] / 60, 1),
            )
        )
    return rows


# -- What an adviser can do and when (the planner's input) --------------------------------------


def areas_covered(membership: Membership) -> set[int]:
    """The advice areas an adviser holds: as set for them, else those of their employer's agreement."""
    chosen = set(Coverage.objects.filter(membership=membership).values_list("area_id", flat=True))
    if chosen:
        return chosen
    if membership.organisation_id is None:
        return set()
    return set(
        Partnership.objects.for_centre(membership.centre)
        .current()
        .filter(organisation_id=membership.organisation_id)
        .values_list("advice_areas", flat=True)
        .exclude(advice_areas=None)
    )


def available_cells(membership: Membership, starts_on: date, ends_on: date) -> set[tuple[date, str]]:
    """The half-days of the period when an adviser said they can be on duty and is not away."""
    weekly = list(
        Availability.objects.filter(membership=membership, valid_from__lte=ends_on).filter(
            Q(valid_until=None) | Q(valid_until__gte=starts_on)
        )
    )
    away = list(Absence.objects.filter(membership=membership, starts_on__lte=ends_on, ends_on__gte=starts_on))
    cells = set()
    for day in days(starts_on, ends_on):
        if any(a.starts_on <= day <= a.ends_on for a in away):
            continue
        for item in weekly:
            if item.weekday == day.weekday() and item.valid_from <= day and (item.valid_until or day) >= day:
                cells.add((day, item.slot))
    return cells


# -- A proposal against the roster as it is -----------------------------------------------------


def shift_key(
    membership: Membership, area: AdviceArea, desk: Desk | None, day: date, slot: Slot
) -> tuple[Membership, AdviceArea, Desk | None, date, Slot]:
    """A shift as a comparable tuple: what a proposal and the roster are compared by."""
    return (membership, area, desk, day, slot)


def proposal_diff(proposal: Proposal) -> dict[str, list[tuple]]:
    """What publishing would add and remove, against the roster as it is now.

    Days already gone stay as they were: the roster of the past is what the follow-up of the
    partnerships counts.
    """
    first = max(proposal.starts_on, timezone.localdate())
    proposed = {
        shift_key(s["membership"], s["area"], s["desk"], date.fromisoformat(s["date"]), s["slot"])
        for s in proposal.result.get("shifts", [])
        if date.fromisoformat(s["date"]) >= first
    }
    current = {
        shift_key(s.membership_id, s.area_id, s.desk_id, s.date, s.slot): s
        for s in Shift.objects.for_centre(proposal.centre).filter(date__range=(first, proposal.ends_on))
    }
    return {
        "added": sorted(proposed - set(current), key=lambda k: (k[3], k[4], k[1], k[0])),
        "removed": sorted(set(current) - proposed, key=lambda k: (k[3], k[4], k[1], k[0])),
        "kept": sorted(proposed & set(current), key=lambda k: (k[3], k[4], k[1], k[0])),
    }
