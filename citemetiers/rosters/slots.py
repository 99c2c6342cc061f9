"""The half-days of the roster, cut from the Cité's opening hours at 13:00."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from citemetiers.centres.selectors import closed_days
from citemetiers.rosters.models import Slot

MIDDAY = time(13, 0)


@dataclass(frozen=True)
class SlotHours:
    slot: str
    start: time
    end: time
    minutes: int


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def slot_hours(centre, day: date) -> dict[str, SlotHours]:
    """The half-days the Cité is open on `day`, with their first and last opening times."""
    bounds = {Slot.MORNING: (0, _minutes(MIDDAY)), Slot.AFTERNOON: (_minutes(MIDDAY), 24 * 60)}
    result = {}
    for slot, (low, high) in bounds.items():
        pieces = []
        for start_text, end_text in centre.opening_periods(day.weekday()):
            start, end = max(_minutes(_clock(start_text)), low), min(_minutes(_clock(end_text)), high)
            if end > start:
                pieces.append((start, end))
        if pieces:
            first, last = min(p[0] for p in pieces), max(p[1] for p in pieces)
            result[slot.value] = SlotHours(
                slot=slot.value,
                start=time(first // 60, first % 60),
                end=time(last // 60 % 24, last % 60),
                minutes=sum(end - start for start, end in pieces),
            )
    return result


def days(starts_on: date, ends_on: date):
    day = starts_on
    while day <= ends_on:
        yield day
        day += timedelta(days=1)


def open_cells(centre, starts_on: date, ends_on: date) -> dict[tuple[date, str], SlotHours]:
    """Every half-day the Cité is open in the period: its weekly hours, less its public holidays and closures."""
    closed = closed_days(centre, starts_on, ends_on)
    return {
        (day, slot): hours
        for day in days(starts_on, ends_on)
        if day not in closed
        for slot, hours in slot_hours(centre, day).items()
    }


def slot_of(moment: datetime) -> str:
    return Slot.MORNING.value if moment.time() < MIDDAY else Slot.AFTERNOON.value
