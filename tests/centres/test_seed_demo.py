"""Seeding an empty database or one already in use (the demo seeded once for many tests is in
test_demo_network.py)."""

from datetime import timedelta
from io import StringIO

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
