"""Two real connections against PostgreSQL: a check-in that commits while a dashboard read computes
the same day again is never lost from the indicators."""

import contextvars
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.db.models import Sum

from citemetiers.indicators import services
from citemetiers.indicators.models import DailyCount
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea
from tests.factories import CentreFactory, MembershipFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


def _visits(centre) -> int:
    return DailyCount.objects.filter(centre=centre, metric="visits").aggregate(n=Sum("value"))["n"] or 0


def test_a_check_in_committing_during_a_refresh_of_its_day_is_not_lost(monkeypatch):
    centre = CentreFactory(with_areas=True)
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    # The day is already marked as changed: the next check-in finds the mark and relies on it.
    ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=NOW)

    written, release, committed, computed = (threading.Event() for _ in range(4))
    refresh_pid, errors = [], []
    compute = services.day_counts

    def counts_then_let_the_check_in_finish(*args, **kwargs):
        counts = compute(*args, **kwargs)
        computed.set()
        committed.wait(timeout=30)
        return counts

    monkeypatch.setattr(services, "day_counts", counts_then_let_the_check_in_finish)

    def check_in():
        try:
            with transaction.atomic():
                ticketing.visit_check_in(
                    centre=centre, areas=[area], profile={}, actor=None, now=NOW + timedelta(minutes=5)
                )
                written.set()
                release.wait(timeout=30)
            committed.set()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            written.set()
            committed.set()
            connections.close_all()

    def refresh():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                refresh_pid.append(cursor.fetchone()[0])
            services.refresh_changed(centre=centre)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=contextvars.copy_context().run, args=(check_in,))
    writer.start()
    assert written.wait(timeout=30)
    reader = threading.Thread(target=contextvars.copy_context().run, args=(refresh,))
    reader.start()
    # Let the check-in commit once the refresh has computed the day, or as soon as the refresh waits
    # for it: whichever the code does, the commit lands in the middle of the refresh.
    while not computed.is_set() and not (refresh_pid and _waiting_on_a_lock(refresh_pid[0])):
        if not reader.is_alive():
            break
        time.sleep(0.01)
    release.set()
    writer.join(timeout=60)
    reader.join(timeout=60)
    assert not errors, errors

    services.refresh_changed(centre=centre)
    assert _visits(centre) == 2


def test_an_import_of_history_waits_for_a_rebuild_of_the_same_cite():
    """Both rewrite the Cité's monthly rows: side by side they could leave a month counted twice."""
    from citemetiers.indicators.imports import history_import

    centre = CentreFactory(with_areas=True)
    coordinator = MembershipFactory(centre=centre, coordinator=True).user
    holding, release, done = threading.Event(), threading.Event(), threading.Event()
    import_pid, errors = [], []

    def rebuild_in_progress():
        try:
            with transaction.atomic():
                services.lock_refreshes(centre)
                holding.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    def import_history():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                import_pid.append(cursor.fetchone()[0])
            holding.wait(timeout=30)
            history_import(centre=centre, name="h.csv", content=b"month,visits\n2020-01,3\n", actor=coordinator)
        except Exception as error:
            errors.append(error)
        finally:
            done.set()
            connections.close_all()

    threads = [
        threading.Thread(target=contextvars.copy_context().run, args=(rebuild_in_progress,)),
        threading.Thread(target=contextvars.copy_context().run, args=(import_history,)),
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while not (import_pid and _waiting_on_a_lock(import_pid[0])) and time.monotonic() < deadline:
        time.sleep(0.05)
    waited = bool(import_pid) and _waiting_on_a_lock(import_pid[0]) and not done.is_set()
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert waited
    assert _visits(centre) == 3
