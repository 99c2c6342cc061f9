"""Demand forecast: visitors expected per advice area, weekday and half-day, from the last weeks of tickets."""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import ExtractHour

from citemetiers.centres.selectors import closed_days
from citemetiers.reception.models import Ticket, TicketStatus
from citemetiers.rosters.slots import MIDDAY

WEEKS = 12
# How far ahead the forecast knows the Cité's closed days (the planner plans two months at most).
HORIZON_DAYS = 400
DEFAULT_SERVICE_MINUTES = 30
# A visitor's turn is rarely the whole of an adviser's time: calls, notes, the one who does not come.
OCCUPANCY = 0.8


@dataclass(frozen=True)
class Forecast:
    expected: dict[tuple[int, int, str], float]  # (area, weekday, slot) → visitors per half-day
    service_minutes: float
    weeks: int
    # Public holidays and closures from the history's start to the horizon: nobody is expected then.
    closed: frozenset[date] = frozenset()

    def visitors(self, area: int, day: date, slot: str) -> float:
        if day in self.closed:
            return 0.0
        return self.expected.get((area, day.weekday(), slot), 0.0)

    def advisers_needed(self, area: int, day: date, slot: str, slot_minutes: int) -> int:
        """Advisers the expected visitors keep busy for that half-day."""
        visitors = self.visitors(area, day, slot)
        if visitors <= 0 or slot_minutes <= 0:
            return 0
        per_adviser = max(slot_minutes * OCCUPANCY / self.service_minutes, 1)
        return math.ceil(visitors / per_adviser - 1e-9)


def demand_forecast(centre, *, today: date, weeks: int = WEEKS) -> Forecast:
    """The mean of visitors per half-day over the last `weeks` weeks of the Cité's tickets.

    A public holiday or a closure is not a normal weekday: its tickets (a Cité that opened on Easter
    Monday, a demo) are left out of the means, and no visitor is expected on one to come.
    """
    since = today - timedelta(weeks=weeks)
    closed = frozenset(closed_days(centre, since, today + timedelta(days=HORIZON_DAYS)))
    tickets = (
        Ticket.objects.for_centre(centre)
        .filter(service_date__gte=since, service_date__lt=today)
        .exclude(service_date__in=[day for day in closed if day < today])
    )
    rows = (
        tickets.annotate(hour=ExtractHour("created_at", tzinfo=ZoneInfo(centre.time_zone)))
        .values("area", "service_date", "hour")
        .annotate(n=Count("id"))
    )
    totals: dict[tuple[int, int, str], int] = defaultdict(int)
    open_days: dict[int, set[date]] = defaultdict(set)
    for row in rows:
        day = row["service_date"]
        slot = "am" if row["hour"] < MIDDAY.hour else "pm"
        totals[(row["area"], day.weekday(), slot)] += row["n"]
        open_days[day.weekday()].add(day)
    expected = {key: total / len(open_days[key[1]]) for key, total in totals.items()}
    durations = [
        (finished - started).total_seconds() / 60
        for started, finished in tickets.filter(status=TicketStatus.DONE)
        .exclude(started_at=None)
        .exclude(finished_at=None)
        .order_by("-finished_at")
        .values_list("started_at", "finished_at")[:2000]
    ]
    service = statistics.median(durations) if len(durations) >= 20 else DEFAULT_SERVICE_MINUTES
    return Forecast(expected=expected, service_minutes=max(service, 5), weeks=weeks, closed=closed)
