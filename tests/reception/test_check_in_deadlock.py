"""Many check-ins into several advice areas at once, on real PostgreSQL connections: locks are taken
in one order, so none waits for another in a circle and none needs a second attempt."""

import contextvars
import logging
import threading
from collections import defaultdict

import pytest
from django.db import connection, connections

from citemetiers.indicators.models import DirtyDay
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea
from tests.factories import CentreFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 8
ROUNDS = 6


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def test_concurrent_multi_area_check_ins_never_deadlock(caplog):
    centre = CentreFactory(with_areas=True)
    a, b, c = AdviceArea.objects.for_centre(centre).filter(code__in="ABC").order_by("code")
    # Areas in every order a receptionist may tick them, several areas per visit.
    choices = [[a, b], [b, a], [b], [a, b, c], [c, a], [c, b, a], [a], [b, c]]
    barrier = threading.Barrier(WORKERS)
    numbers, errors = defaultdict(list), []
    lock = threading.Lock()

    def work(index):
        try:
            for round_ in range(ROUNDS):
                barrier.wait()
                if index == 0:
                    # No mark yet: every check-in of the round inserts it, the case that used to deadlock.
                    DirtyDay.objects.filter(centre=centre).delete()
                barrier.wait()
                areas = choices[(index + round_) % len(choices)]
                _visit, tickets = ticketing.visit_check_in(centre=centre, areas=areas, profile={}, actor=None)
                with lock:
                    for ticket in tickets:
                        numbers[ticket.area_id].append(ticket.number)
        except Exception as error:  # reported below with the others
            errors.append(error)
            barrier.abort()
        finally:
            connections.close_all()

    with caplog.at_level(logging.WARNING, logger="citemetiers.core.db"):
        threads = [threading.Thread(target=contextvars.copy_context().run, args=(work, i)) for i in range(WORKERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not errors, errors
    assert not [r for r in caplog.records if r.name == "citemetiers.core.db"], "a check-in needed a second attempt"
    assert all(sorted(issued) == list(range(1, len(issued) + 1)) for issued in numbers.values())
