"""Real concurrent connections against PostgreSQL: two coordinators deciding on the same application
at once take turns on its row, so one decision is taken and the others are refused.

The `postgres` pass of `make test` runs these; SQLite has no row locks to prove anything about.
"""

import contextvars
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from citemetiers.labelling.models import ApplicationEvent, CriterionKind, MemberKind, RequirementStatus, State
from citemetiers.labelling.workflow import IllegalTransition, application_transition
from tests.factories import UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 6
DECISIONS = ("grant_project_label", "decline", "ask_more_information")


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def _run_at_once(work, count):
    """Run work(i) in `count` threads released together, each on its own connection; returns what
    each returned or raised."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def target(index):
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as error:  # the refusals are the point: kept with the results
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=contextvars.copy_context().run, args=(target, i)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_simultaneous_commission_decisions_take_one_and_refuse_the_others():
    application = LabelApplicationFactory(state=State.COMMISSION)
    application.requirements.filter(criterion__kind=CriterionKind.PREREQUISITE).update(status=RequirementStatus.MET)
    EvaluationFactory(application=application)
    application.evaluations.update(report="Solid", submitted_at=timezone.now())
    application.commission.create(name="Holder of the mark", kind=MemberKind.CHAIR)
    coordinators = [UserFactory(network_coordinator=True) for _ in range(WORKERS)]

    def decide(index):
        return application_transition(
            application=application,
            name=DECISIONS[index % len(DECISIONS)],
            reason="Decided in session",
            actor=coordinators[index],
        ).state

    outcomes = _run_at_once(decide, WORKERS)
    taken = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, IllegalTransition)]
    application.refresh_from_db()
    # One decision stands, the others were refused as coming from a state the application left,
    # and the log holds one row: no decision was silently overwritten by another.
    assert (len(taken), len(refused)) == (1, WORKERS - 1), outcomes
    assert list(ApplicationEvent.objects.filter(application=application).values_list("to_state", flat=True)) == [
        application.state
    ]
