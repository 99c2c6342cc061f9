"""Reads of the rosters: calendars, an adviser's own duty, partnership follow-up, who is on duty now."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.utils import timezone

from citemetiers.centres.models import Membership, Partnership
from citemetiers.centres.selectors import closed_days
from citemetiers.reception.duty import ShiftNow
from citemetiers.reception.models import AdviceArea, Interview
from citemetiers.rosters.forecast import demand_forecast
from citemetiers.rosters.models import Absence, Availability, Coverage, Desk, Proposal, Shift, Slot
from citemetiers.rosters.slots import days, open_cells, slot_of

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre


@dataclass
class CalendarCell:
    day: date
    slot: str
    open: bool
    closed_reason: str = ""  # a public holiday's name or a closure's reason, on a day the Cité closes
    by_area: dict[int, list[Shift]] = field(default_factory=dict)
    expected: dict[int, float] = field(default_factory=dict)
    needed: dict[int, int] = field(default_factory=dict)


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
