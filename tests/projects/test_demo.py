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


ENGLISH_WORDS = {"the", "of", "more", "visits", "prepare", "send", "order", "book", "every", "held", "printed"}


def test_demo_projects_speak_french_like_the_demo_cites(centre):
    """The demo Cités are French-speaking: what their staff wrote is in French."""
    from citemetiers.projects.models import Milestone, Objective, ObjectiveValue

    MembershipFactory(centre=centre, coordinator=True)
    MembershipFactory(centre=centre)
    seed_projects(centre=centre)
    texts = [
        *Project.objects.values_list("title", flat=True),
        *Project.objects.values_list("purpose", flat=True),
        *Project.objects.exclude(source="").values_list("source", flat=True),
        *Objective.objects.values_list("title", flat=True),
        *ObjectiveValue.objects.values_list("evidence", flat=True),
        *Milestone.objects.values_list("title", flat=True),
        *Task.objects.values_list("title", flat=True),
    ]
    english = [text for text in texts if ENGLISH_WORDS & set(text.lower().replace("'", " ").split())]
    assert not english, english


def test_a_demo_project_counts_the_cites_resources_adopted_by_other_cites(centre):
    from citemetiers.projects.models import ADOPTED_RESOURCES, Objective

    MembershipFactory(centre=centre, coordinator=True)
    seed_projects(centre=centre)
    assert Objective.objects.filter(project__centre=centre, metric=ADOPTED_RESOURCES, target=2).exists()
