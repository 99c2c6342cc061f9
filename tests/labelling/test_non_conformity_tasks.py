"""A non-conformity becomes a task of the Cité (the projects' tasks) with its deadline; its closure is
checked at the next step: a step refuses while a major one stays open, listing each, and takes as
closed one whose task the Cité completed, recording that closure."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.centres.tenancy import centre_scope
from citemetiers.labelling import services
from citemetiers.labelling.models import MemberKind, Severity, State
from citemetiers.labelling.workflow import TransitionRefused, application_transition
from citemetiers.projects import services as project_services
from citemetiers.projects.models import TaskStatus
from tests.factories import CentreFactory, MembershipFactory, UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory

pytestmark = pytest.mark.django_db

DUE = datetime.date(2027, 1, 15)


@pytest.fixture
def coordinator(db):
    return UserFactory(network_coordinator=True)


@pytest.fixture
def cite_coordinator(db):
    return MembershipFactory(centre=CentreFactory(), roles=[Role.COORDINATOR])


def _finding(application, actor, *, severity=Severity.MAJOR, finding="Opening hours not posted"):
    return services.non_conformity_add(
        requirement=application.requirements.first(), severity=severity, finding=finding, due_on=DUE, actor=actor
    )


def _ready_for_decision(application):
    EvaluationFactory(application=application, report="Solid", submitted_at=timezone.now())
    application.commission.create(name="Holder of the mark", kind=MemberKind.CHAIR)


def _task_done(item, membership):
    with centre_scope(membership.centre):
        project_services.task_set_status(task=item.task, status=TaskStatus.DONE, actor=membership.user)


def test_a_non_conformity_becomes_a_task_of_the_cite_with_its_deadline(coordinator, cite_coordinator):
    application = LabelApplicationFactory(centre=cite_coordinator.centre)
    item = _finding(application, coordinator)
    task = item.task
    assert (task.centre, task.owner, task.due_on, task.status) == (
        cite_coordinator.centre,
        cite_coordinator,
        DUE,
        TaskStatus.TODO,
    )


def test_the_task_says_which_criterion_and_what_was_found(coordinator, cite_coordinator):
    application = LabelApplicationFactory(centre=cite_coordinator.centre)
    item = _finding(application, coordinator)
    assert (item.requirement.criterion.code in item.task.title, "Opening hours not posted" in item.task.title) == (
        True,
        True,
    )


def test_a_candidate_not_on_the_platform_gets_the_finding_without_a_task(coordinator):
    item = _finding(LabelApplicationFactory(centre=None), coordinator)
    assert item.task is None


def test_a_step_refuses_while_a_major_non_conformity_is_open_and_lists_it(coordinator, cite_coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION, centre=cite_coordinator.centre)
    _ready_for_decision(application)
    _finding(application, coordinator)
    with pytest.raises(TransitionRefused) as refused:
        application_transition(application=application, name="grant_project_label", reason="Ok", actor=coordinator)
    assert "Opening hours not posted" in str(refused.value.missing[0])


def test_a_major_non_conformity_whose_task_the_cite_completed_is_closed_at_the_next_step(coordinator, cite_coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION, centre=cite_coordinator.centre)
    _ready_for_decision(application)
    item = _finding(application, coordinator)
    _task_done(item, cite_coordinator)
    application_transition(application=application, name="grant_project_label", reason="Ok", actor=coordinator)
    item.refresh_from_db()
    assert item.closed_on == timezone.localdate()


def test_a_cancelled_task_does_not_close_the_non_conformity(coordinator, cite_coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION, centre=cite_coordinator.centre)
    _ready_for_decision(application)
    item = _finding(application, coordinator)
    with centre_scope(cite_coordinator.centre):
        project_services.task_set_status(task=item.task, status=TaskStatus.CANCELLED, actor=cite_coordinator.user)
    with pytest.raises(TransitionRefused):
        application_transition(application=application, name="grant_project_label", reason="Ok", actor=coordinator)


def test_a_refused_step_records_no_closure(coordinator, cite_coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION, centre=cite_coordinator.centre)
    item = _finding(application, coordinator)
    _task_done(item, cite_coordinator)
    with pytest.raises(TransitionRefused):  # no report nor chair yet
        application_transition(application=application, name="grant_project_label", reason="Ok", actor=coordinator)
    item.refresh_from_db()
    assert item.closed_on is None


def test_closing_the_non_conformity_completes_its_task(coordinator, cite_coordinator):
    item = _finding(LabelApplicationFactory(centre=cite_coordinator.centre), coordinator)
    services.non_conformity_close(item=item, actor=coordinator)
    item.task.refresh_from_db()
    assert item.task.status == TaskStatus.DONE


def test_the_dossier_shows_that_the_cite_completed_the_task(client, coordinator, cite_coordinator):
    application = LabelApplicationFactory(centre=cite_coordinator.centre)
    item = _finding(application, coordinator)
    _task_done(item, cite_coordinator)
    client.force_login(coordinator)
    body = client.get(reverse("labelling:application", kwargs={"application_pk": application.pk})).content.decode()
    assert "the Cité completed its task" in body
