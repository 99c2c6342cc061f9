import pytest

from citemetiers.projects.demo import seed_projects
from citemetiers.projects.models import Project, Task, TaskStatus
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_demo_projects_have_tasks_in_every_state(centre):
    MembershipFactory(centre=centre, coordinator=True)
    MembershipFactory(centre=centre)
    seed_projects(centre=centre)
    assert Project.objects.filter(centre=centre).count() == 2
    assert set(Task.objects.filter(centre=centre).values_list("status", flat=True)) == set(TaskStatus.values)
