"""Review findings on the label: a report frozen once the commission read it, a milestone's double
submit, the renewal reminder reading only the people concerned."""

import datetime

import pytest
from django.db.models.signals import post_init
from django.urls import reverse

from citemetiers.accounts.models import User
from citemetiers.core.errors import DomainError
from citemetiers.labelling import services
from citemetiers.labelling.models import CriterionKind, MemberKind, RequirementStatus, State
from citemetiers.labelling.tasks import renewal_reminders_send
from citemetiers.labelling.workflow import application_transition
from tests.factories import UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory

pytestmark = pytest.mark.django_db


def _decided(coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION)
    application.requirements.filter(criterion__kind=CriterionKind.PREREQUISITE).update(status=RequirementStatus.MET)
    evaluation = EvaluationFactory(application=application)
    services.evaluation_submit(application=application, report="Solid partners", actor=evaluation.evaluator)
    application.commission.create(name="Holder of the mark", kind=MemberKind.CHAIR)
    application_transition(application=application, name="grant_project_label", reason="Agreed", actor=coordinator)
    return application, evaluation


def test_a_report_the_commission_decided_on_cannot_be_rewritten():
    application, evaluation = _decided(UserFactory(network_coordinator=True))
    with pytest.raises(DomainError):
        services.evaluation_submit(application=application, report="Weak partners", actor=evaluation.evaluator)
    evaluation.refresh_from_db()
    assert evaluation.report == "Solid partners"


def test_a_report_may_be_rewritten_before_the_decision():
    evaluation = EvaluationFactory(application=LabelApplicationFactory(state=State.COMMISSION))
    services.evaluation_submit(application=evaluation.application, report="First", actor=evaluation.evaluator)
    services.evaluation_submit(application=evaluation.application, report="Second", actor=evaluation.evaluator)
    evaluation.refresh_from_db()
    assert evaluation.report == "Second"


def test_the_milestone_marked_done_twice_stays_done(client):
    coordinator = UserFactory(network_coordinator=True)
    client.force_login(coordinator)
    application = LabelApplicationFactory()
    milestone = application.milestones.create(title="Sign the lease", weeks_before_opening=8)
    url = reverse("labelling:application_action", kwargs={"application_pk": application.pk})
    posted = {"form": "milestone_toggle", "milestone_pk": milestone.pk, "done": "1"}
    # A double click sends the same form twice: the second must not undo the first.
    client.post(url, posted)
    client.post(url, posted)
    milestone.refresh_from_db()
    assert milestone.done_on is not None


def test_the_renewal_reminder_reads_only_the_people_concerned(centre):
    UserFactory(network_coordinator=True)
    UserFactory.create_batch(15)
    application = LabelApplicationFactory(centre=centre, state=State.CONFIRMED, labelled_on=datetime.date(2025, 12, 20))
    application.candidates.set([UserFactory()])
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=User)
    try:
        assert renewal_reminders_send(today=datetime.date(2026, 12, 1)) == 1
    finally:
        post_init.disconnect(count, sender=User)
    # At most the coordinator and the candidate, not the fifteen others.
    assert len(loaded) <= 2
