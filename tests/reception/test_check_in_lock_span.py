"""The check-in holds its areas' counter locks for the fewest statements.

Every other check-in into the same area waits on the counter's row from the statement that takes
the number until the commit: what runs in between is the queue's critical section. The visit (and a
workshop's registration) need no number, so they are written before; only the tickets, their
logs and the indicators' day mark (taken last, the module's lock order) come after.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea, TicketCounter


def _statements_after_the_first_counter(queries) -> list[str]:
    table = TicketCounter._meta.db_table
    sqls = [q["sql"] for q in queries if not q["sql"].upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO"))]
    first = next(i for i, sql in enumerate(sqls) if f'INTO "{table}"' in sql)
    return sqls[first + 1 :]


@pytest.mark.django_db(transaction=True)
def test_a_check_in_into_one_area_runs_four_statements_under_the_counter_lock(centre):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    # The day's first write creates the indicators' mark; every later one finds it (the steady state).
    ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None)
    with CaptureQueriesContext(connection) as captured:
        ticketing.visit_check_in(centre=centre, areas=[area], profile={"age_band": "26_44"}, actor=None)
    locked = _statements_after_the_first_counter(captured.captured_queries)
    # The ticket, its log, the day mark, the commit; the visit was written before the number was taken.
    assert len(locked) == 4, [s[:70] for s in locked]
    assert not any('"reception_visit"' in sql and sql.startswith("INSERT") for sql in locked)


@pytest.mark.django_db(transaction=True)
def test_a_check_in_into_two_areas_writes_its_tickets_and_logs_in_one_statement_each(centre):
    areas = list(AdviceArea.objects.for_centre(centre).filter(code__in=["A", "B"]))
    assert len(areas) == 2
    ticketing.visit_check_in(centre=centre, areas=areas, profile={}, actor=None)
    with CaptureQueriesContext(connection) as captured:
        _visit, tickets = ticketing.visit_check_in(centre=centre, areas=areas, profile={}, actor=None)
    locked = _statements_after_the_first_counter(captured.captured_queries)
    # The second counter, the tickets, their logs, the day mark (once), the commit.
    assert len(locked) == 5, [s[:70] for s in locked]
    assert sorted(t.label for t in tickets) == ["A-002", "B-002"]
    assert all(t.pk for t in tickets)
