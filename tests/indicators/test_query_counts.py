"""The number of queries of the dashboard, pinned (see tests/reception/test_query_counts.py). A
change that adds or saves a query changes its count HERE, in the same commit, with the reason."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea

pytestmark = pytest.mark.django_db

MAX_QUERIES = {
    # The first read after visits on three days: the floor (session, user, membership), the days
    # marked dirty and their Cité, then FOR EACH DIRTY DAY its roll-up (visits, tickets, interviews,
    # the events' sessions read; the day's and the month's counts replaced, 15 with the savepoints), then the period's
    # daily counts (the Cité's, the network's), the areas, the session save. Grows with the dirty
    # days, by design: the day's roll-up is done on the first read after a change. Each day's roll-up
    # first takes the Cité's refresh lock (1 each), so that two refreshes never rewrite one month at once.
    "dashboard_after_three_days_of_visits": 70,
    # The same page once rolled up: the floor (3); the dirty days checked before each of three
    # reads (3); the key figures, the days, the areas, the weekdays, the network's figures from the
    # daily counts (5); the areas (twice, for the table and the filter), the membership again (the
    # menu), the months offered (4).
    "dashboard": 15,
}


@pytest.fixture
def client(client_as, centre):
    now = timezone.now()
    for area in AdviceArea.objects.for_centre(centre).filter(code__in=["A", "B"]):
        for index in range(3):
            ticketing.visit_check_in(
                centre=centre, areas=[area], profile={"age_band": "26_44"}, actor=None, now=now - timedelta(days=index)
            )
    return client_as(Role.ADVISER)


def dashboard(client, centre):
    page = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}))
    assert page.status_code == 200
    assert dict(page.context["key_figures"])["Visites"] == 6
    return page


def test_dashboard_after_three_days_of_visits(client, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["dashboard_after_three_days_of_visits"]):
        dashboard(client, centre)


def test_dashboard(client, centre, django_assert_max_num_queries):
    dashboard(client, centre)
    with django_assert_max_num_queries(MAX_QUERIES["dashboard"]):
        dashboard(client, centre)
