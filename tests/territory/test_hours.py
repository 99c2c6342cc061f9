import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from citemetiers.territory.hours import is_open_now, validate_opening_hours

# Tuesday 1 December 2026.
TUESDAY_0830_UTC = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)


def test_open_now_is_computed_in_the_centres_time_zone():
    """08:30 UTC is 09:30 in Paris (open from 09:00) but 03:30 in Montréal (closed)."""
    hours = "Mo-Fr 09:00-17:00"
    assert is_open_now(hours, timezone="Europe/Paris", now=TUESDAY_0830_UTC) is True
    assert is_open_now(hours, timezone="America/Montreal", now=TUESDAY_0830_UTC) is False


def test_open_now_is_unknown_without_hours():
    assert is_open_now("", timezone="Europe/Paris", now=TUESDAY_0830_UTC) is None


def test_hours_outside_the_osm_format_are_refused():
    with pytest.raises(ValidationError):
        validate_opening_hours("du lundi au vendredi")
    validate_opening_hours("Mo-Fr 09:00-12:00,14:00-17:00; PH off")
