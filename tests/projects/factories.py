import datetime

import factory

from citemetiers.library.models import Adoption
from citemetiers.projects.models import Milestone, Objective, ObjectiveKind, Project, Scope, Task
from tests.factories import CentreFactory, MembershipFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    purpose = "Shorter waits at the reception desk"
    scope = Scope.CENTRE
    lead = factory.SubFactory(MembershipFactory, centre=factory.SelfAttribute("..centre"), roles=["coordinator"])

    class Params:
        network = factory.Trait(scope=Scope.NETWORK)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    title = factory.Sequence(lambda n: f"Objective {n}")
    kind = ObjectiveKind.MEASURED
    metric = "visits"
    baseline = 0
    target = 100
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 12, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = datetime.date(2026, 6, 1)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    centre = factory.SubFactory(CentreFactory)
    owner = factory.SubFactory(MembershipFactory, centre=factory.SelfAttribute("..centre"))
    title = factory.Sequence(lambda n: f"Task {n}")
    due_on = datetime.date(2026, 12, 10)


class AdoptionFactory(factory.django.DjangoModelFactory):
    """Another Cité says it took a resource up (what `library.services.adoption_record` writes)."""

    class Meta:
        model = Adoption

    resource = factory.SubFactory("tests.factories.ResourceFactory")
    centre = factory.SubFactory(CentreFactory)
    account = "Adopté."
    adopted_on = datetime.date(2026, 3, 10)
