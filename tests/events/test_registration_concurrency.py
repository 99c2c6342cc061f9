"""Real concurrent registrations against PostgreSQL: the session's row lock never overbooks.

Runs in the PostgreSQL pass (marker `postgres`); SQLite has no row locks to prove anything about.
"""

import pytest
from django.db import connection

from citemetiers.events import services
from citemetiers.events.models import Registration, RegistrationStatus
from tests.concurrency import raised, run_at_once
from tests.events.factories import SessionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 50


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def test_fifty_simultaneous_registrations_for_ten_places_give_ten_places_and_forty_waiting():
    session = SessionFactory(capacity=10)
    outcomes = run_at_once(lambda _: services.registration_create(session=session, actor=None), WORKERS)
    assert not raised(outcomes), outcomes
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.REGISTERED) == 10
    assert statuses.count(RegistrationStatus.WAITING) == 40


def test_simultaneous_cancellations_promote_each_waiting_code_once():
    session = SessionFactory(capacity=5)
    registered = [services.registration_create(session=session, actor=None) for _ in range(5)]
    for _ in range(5):
        services.registration_create(session=session, actor=None)
    outcomes = run_at_once(lambda index: services.registration_cancel(registration=registered[index], actor=None), 5)
    assert not raised(outcomes), outcomes
    held = Registration.objects.filter(session=session, status=RegistrationStatus.REGISTERED).count()
    assert held == 5
    assert not Registration.objects.filter(session=session, status=RegistrationStatus.WAITING).exists()
