"""What the events tell the apps above them, without knowing them (the layers of pyproject.toml).

`session_day_changed` is sent inside the writer's transaction, after its lock on the session, as
reception's `day_changed` is: the indicators mark the session's day for their refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.dispatch import Signal
from django.utils import timezone

if TYPE_CHECKING:
    from citemetiers.events.models import Session

# Sent with centre_id and day (the session's start, in its Cité's time) when its figures change.
session_day_changed = Signal()


def session_mark_changed(session: Session) -> None:
    """Tell the listeners (the indicators) that the figures of the session's day changed."""
    day = timezone.localtime(session.starts_at, ZoneInfo(session.centre.time_zone)).date()
    session_day_changed.send(sender=None, centre_id=session.centre_id, day=day)
