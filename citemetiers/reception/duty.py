"""Who the duty roster puts where, as reception reads it: filled by the roster's app.

Reception needs two readings of the roster — how many advisers each area has on duty now (for the
wait estimates) and the adviser's own shift now (to preselect their console) — but the rosters are
planned in an app above it. Rosters declares its readings here at start-up (`RostersConfig.ready`);
without a roster, nobody is on duty and nothing is preselected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre, Membership


@dataclass(frozen=True)
class ShiftNow:
    """The adviser's place of the current half-day: the area they serve and at which desk."""

    area_id: int
    desk: str


@dataclass
class _Roster:
    on_duty_by_area: Callable[..., dict[int, int]] | None = None
    shift_now: Callable[..., ShiftNow | None] | None = None


_roster = _Roster()


def provide(*, on_duty_by_area: Callable[..., dict[int, int]], shift_now: Callable[..., ShiftNow | None]) -> None:
    """Called once by the roster's app: its readings of who is on duty."""
    _roster.on_duty_by_area = on_duty_by_area
    _roster.shift_now = shift_now


def advisers_on_duty_by_area(centre: Centre, *, now: datetime) -> dict[int, int]:
    """Advisers the roster puts in each advice area of the Cité now (none without a roster)."""
    return _roster.on_duty_by_area(centre, now=now) if _roster.on_duty_by_area else {}


def shift_now(membership: Membership, *, now: datetime) -> ShiftNow | None:
    """The adviser's shift of the current half-day, if the roster gives them one."""
    return _roster.shift_now(membership, now=now) if _roster.shift_now else None
