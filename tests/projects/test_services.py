import pytest

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.projects import services
from citemetiers.projects.models import Scope, TaskStatus
from tests.factories import MembershipFactory
from tests.projects.factories import ProjectFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_project_create_keeps_lead_and_members_from_any_organisation(centre, member):
    lead = member(Role.COORDINATOR)
    adviser = member(Role.ADVISER)
    project = services.project_create(
        centre=centre,
        title="Welcome",
        purpose="Better",
        scope=Scope.CENTRE,
        lead=lead,
        actor=lead.user,
        members=[adviser],
        source="Meeting of 3 May",
    )
    assert set(project.members.all()) == {lead, adviser}


def test_project_create_refuses_an_adviser(centre, member):
    adviser = member(Role.ADVISER)
    with pytest.raises(NotPermitted):
        services.project_create(
            centre=centre, title="X", purpose="", scope=Scope.CENTRE, lead=adviser, actor=adviser.user
        )


def test_project_of_this_cite_refuses_a_member_of_another_cite(centre, other_centre, member):
    lead = member(Role.COORDINATOR)
    with pytest.raises(DomainError):
        services.project_create(
            centre=centre,
            title="X",
            purpose="",
            scope=Scope.CENTRE,
            lead=lead,
            actor=lead.user,
            members=[MembershipFactory(centre=other_centre)],
        )


def test_task_create_refuses_a_visitors_phone_number(centre, member):
    owner = member(Role.ADVISER)
    with pytest.raises(DomainError) as refusal:
        services.task_create(
            centre=centre, title="Call the visitor back on 06 12 34 56 78", owner=owner, due_on=None, actor=owner.user
        )
    assert refusal.value.field == "title"


def test_task_set_status_by_a_colleague_who_is_not_coordinator_is_refused(centre, member):
    task = TaskFactory(centre=centre)
    with pytest.raises(NotPermitted):
        services.task_set_status(task=task, status=TaskStatus.DONE, actor=member(Role.ADVISER).user)


def test_task_set_status_done_by_its_owner(centre):
    task = TaskFactory(centre=centre)
    task = services.task_set_status(task=task, status=TaskStatus.DONE, actor=task.owner.user)
    assert task.status == TaskStatus.DONE and task.completed_at is not None


def test_a_cancelled_task_cannot_be_done_without_reopening(centre):
    task = TaskFactory(centre=centre, status=TaskStatus.CANCELLED)
    with pytest.raises(DomainError):
        services.task_set_status(task=task, status=TaskStatus.DONE, actor=task.owner.user)


def test_network_project_task_may_go_to_a_member_of_another_cite(centre, other_centre):
    project = ProjectFactory(centre=centre, network=True)
    outsider = MembershipFactory(centre=other_centre)
    project.members.add(outsider)
    task = services.task_create(
        centre=centre, title="Draft", owner=outsider, due_on=None, actor=project.lead.user, project=project
    )
    assert task.owner == outsider


def test_project_update_by_an_adviser_who_is_not_lead_is_refused(centre, member):
    project = ProjectFactory(centre=centre)
    with pytest.raises(NotPermitted):
        services.project_update(project=project, data={"title": "New"}, actor=member(Role.ADVISER).user)
