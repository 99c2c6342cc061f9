"""Real concurrent requests against PostgreSQL: a rate limit counts each request under a lock, so that
requests arriving together cannot all read "below the limit" and all pass.

Runs in the PostgreSQL pass (marker `postgres`); SQLite's IMMEDIATE transactions already serialise it.
"""

from datetime import timedelta

import pytest
from django.db import connection

from citemetiers.accounts.models import RateLimitEvent
from citemetiers.accounts.throttling import rate_limit_allow
from tests.concurrency import raised, run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def test_twenty_requests_at_once_under_a_limit_of_five_let_exactly_five_through():
    def ask(_index):
        return rate_limit_allow(keys={"test-scope": "203.0.113.7"}, limit=5, window=timedelta(minutes=10))

    outcomes = run_at_once(ask, 20)
    assert not raised(outcomes)
    assert outcomes.count(True) == 5
    assert RateLimitEvent.objects.count() == 5
