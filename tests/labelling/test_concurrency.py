"""Real concurrent connections against PostgreSQL: two coordinators deciding on the same application
at once take turns on its row, so one decision is taken and the others are refused; a report sent
while the commission decides takes its turn on the same row.

The `postgres` pass of `make test` runs these; SQLite has no row locks to prove anything about.
"""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from citemetiers.core.errors import DomainError
from citemetiers.labelling.models import ApplicationEvent, CriterionKind, MemberKind, RequirementStatus, State
from citemetiers.labelling.services import evaluation_submit
from citemetiers.labelling.workflow import IllegalTransition, application_transition
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 6
DECISIONS = ("grant_project_label", "decline", "ask_more_information")


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


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

    outcomes = run_at_once(decide, WORKERS)
    taken = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, IllegalTransition)]
    application.refresh_from_db()
    # One decision stands, the others were refused as coming from a state the application left,
    # and the log holds one row: no decision was silently overwritten by another.
    assert (len(taken), len(refused)) == (1, WORKERS - 1), outcomes
    assert list(ApplicationEvent.objects.filter(application=application).values_list("to_state", flat=True)) == [
        application.state
    ]


def _someone_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_report_rewritten_while_the_commission_decides_waits_for_the_decision_and_is_refused():
    """The report the commission read is the record of its decision: a rewrite sent while the decision
    is being taken waits on the application's row, then sees the decision and is refused."""
    application = LabelApplicationFactory(state=State.COMMISSION)
    evaluation = EvaluationFactory(application=application, report="Solid", submitted_at=timezone.now())
    application.commission.create(name="Holder of the mark", kind=MemberKind.CHAIR)
    coordinator = UserFactory(network_coordinator=True)
    decided, report_sent = threading.Event(), threading.Event()

    def work(index):
        if index == 0:
            with transaction.atomic():
                application_transition(
                    application=application, name="grant_project_label", reason="Decided", actor=coordinator
                )
                decided.set()
                # The decision stays open until the rewrite waits on a row lock, or is through without one.
                while not report_sent.wait(0.02) and not _someone_waits_on_a_lock():
                    pass
            return "decided"
        decided.wait()
        try:
            return evaluation_submit(application=application, report="Rewritten", actor=evaluation.evaluator)
        finally:
            report_sent.set()

    outcomes = run_at_once(work, 2)
    evaluation.refresh_from_db()
    assert (outcomes[0], type(outcomes[1]), evaluation.report) == ("decided", DomainError, "Solid"), outcomes
