"""Opening hours in the OpenStreetMap format, parsed and evaluated with opening-hours-py."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_opening_hours(value: str) -> None:
    """Refuse what OpenStreetMap's grammar cannot read: a service's hours must be computable."""
    if not value:
        return
    try:
        opening_hours.OpeningHours(value)
    except Exception as exc:  # the parser raises its own ParserError and a few others
        raise ValidationError(
            _("These opening hours are not in the OpenStreetMap format (e.g. “Mo-Fr 09:00-12:00,14:00-17:00”)."),
            code="opening_hours",
        ) from exc


@lru_cache(maxsize=4096)
def parsed_hours(value: str) -> opening_hours.OpeningHours | None:
    """The hours parsed once per process: a region's directory repeats a few hundred distinct ones."""
    try:
        return opening_hours.OpeningHours(value)
    except Exception:
        return None


def is_open_now(value: str, *, timezone: str, now: dt.datetime | None = None) -> bool | None:
    """Whether a service is open at `now` in the Cité's time zone; None when the hours are unknown.

    The parser works on naive local times, so `now` is first converted to the Cité's zone: a Cité in
    Geneva asked at 08:30 UTC is open at 09:30 local.
    """
    hours = parsed_hours(value) if value else None
    if hours is None:
        return None
    moment = now or dt.datetime.now(dt.UTC)
    local = moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
    if hours.is_unknown(local):
        return None
    return hours.is_open(local)
