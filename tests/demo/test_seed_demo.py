"""Seeding an empty database or one already in use (the demo seeded once for many tests is in
test_demo_network.py)."""

from datetime import date, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from citemetiers.centres.models import Centre
from citemetiers.indicators.models import DailyCount
from citemetiers.indicators.selectors import totals
from citemetiers.reception.models import Visit

pytestmark = pytest.mark.django_db


def test_if_empty_leaves_an_existing_database_alone():
    Centre.objects.create(name="Existing", slug="existing", country="FR", city="Lille", languages=["fr"])
    call_command("seed_demo", "--if-empty", "--months", "0", stdout=StringIO())
    assert list(Centre.objects.values_list("slug", flat=True)) == ["existing"]


def test_the_demo_history_spans_the_months_asked_and_feeds_the_indicators(shipped):
    call_command("seed_demo", "--months", "2", stdout=StringIO())
    paris = Centre.objects.get(slug="paris")
    oldest = Visit.objects.filter(centre=paris).earliest("arrived_at").arrived_at
    assert timezone.now() - oldest > timedelta(days=55)
    # Opening days only: nobody came on a Sunday (today's live queues aside).
    past = Visit.objects.filter(centre=paris, arrived_at__lt=timezone.now() - timedelta(days=1))
    assert past.exists() and not past.filter(arrived_at__week_day=1).exists()
    assert DailyCount.objects.filter(centre=paris).exists()
    month = totals(centre=paris, start=timezone.localdate() - timedelta(days=30), end=timezone.localdate())
    assert month.visits > 20 * 30 and month.count("interviews") > 0 and month.satisfaction()


def _opening_days_without_visits(centre, start, end):
    from citemetiers.centres.selectors import closed_days

    zone = ZoneInfo(centre.time_zone)
    seen = {
        moment.astimezone(zone).date()
        for moment in Visit.objects.filter(centre=centre).values_list("arrived_at", flat=True)
    }
    closed = closed_days(centre, start, end)
    open_weekdays = {int(day) for day, periods in centre.opening_hours.items() if periods}
    day, empty = start, []
    while day <= end:
        if day.weekday() in open_weekdays and day not in closed and day not in seen:
            empty.append(day)
        day += timedelta(days=1)
    return empty


def test_the_history_has_visits_every_opening_day_and_none_on_a_public_holiday():
    from citemetiers.centres.selectors import public_holidays

    call_command("seed_demo", "--months", "3", stdout=StringIO())
    today = timezone.localdate()
    for centre in Centre.objects.all():
        zone = ZoneInfo(centre.time_zone)
        oldest = Visit.objects.filter(centre=centre).earliest("arrived_at").arrived_at.astimezone(zone).date()
        assert _opening_days_without_visits(centre, oldest, today - timedelta(days=1)) == [], centre.slug
        holidays = public_holidays(centre, oldest, today - timedelta(days=1))
        assert not Visit.objects.filter(centre=centre, arrived_at__date__in=list(holidays)).exists(), centre.slug


def test_the_generated_history_skips_christmas_and_new_years_day_and_fills_the_other_opening_days(centre):
    from citemetiers.reception.demo_history import generate_history
    from tests.factories import WEEKDAY_HOURS, UserFactory

    Centre.objects.filter(pk=centre.pk).update(opening_hours=WEEKDAY_HOURS)
    centre.refresh_from_db()
    start, end = date(2026, 12, 21), date(2027, 1, 8)
    generate_history(centre=centre, start=start, end=end, visits_per_day=20, adviser=UserFactory(), seed="noel")
    days = {
        moment.astimezone(ZoneInfo(centre.time_zone)).date()
        for moment in Visit.objects.values_list("arrived_at", flat=True)
    }
    assert date(2026, 12, 25) not in days and date(2027, 1, 1) not in days
    assert _opening_days_without_visits(centre, start, end) == []
