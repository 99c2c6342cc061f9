import datetime

import factory

from citemetiers.labelling.models import Evaluation, LabelApplication, Mentoring, Requirement
from citemetiers.labelling.referential import charter_seed


class LabelApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabelApplication
        skip_postgeneration_save = True

    territory = factory.Sequence(lambda n: f"Territory {n}")
    country = "FR"
    population = 250_000
    charter = factory.LazyFunction(charter_seed)
    opening_on = datetime.date(2027, 9, 1)

    @factory.post_generation
    def requirements(obj, create, extracted, **kwargs):
        if create:
            Requirement.objects.bulk_create(
                Requirement(application=obj, criterion=c) for c in obj.charter.criteria.all()
            )

    @factory.post_generation
    def candidates(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.candidates.set(extracted)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    application = factory.SubFactory(LabelApplicationFactory)
    evaluator = factory.SubFactory("tests.factories.UserFactory", label_evaluator=True)


def evidence_for(centre=None, *, content=b"%PDF-1.4 evidence"):
    """A stored evidence file of an application (of `centre` when given), through the service's storage."""
    from django.core.files.base import ContentFile

    from citemetiers.labelling.models import Evidence

    application = LabelApplicationFactory(centre=centre)
    evidence = Evidence(
        requirement=application.requirements.first(), filename="Convention.pdf", content_type="application/pdf"
    )
    evidence.file.save("Convention.pdf", ContentFile(content), save=False)
    evidence.save()
    return evidence


class MentoringFactory(factory.django.DjangoModelFactory):
    """A mentor Cité assigned to an application (the service's experience check left to its tests)."""

    class Meta:
        model = Mentoring

    application = factory.SubFactory(LabelApplicationFactory)
    mentor = factory.SubFactory("tests.factories.CentreFactory")
    assigned_on = factory.LazyFunction(datetime.date.today)


def mentee_of(centre, **kwargs):
    """An application (of a Cité not on the platform yet) that `centre` mentors."""
    return MentoringFactory(mentor=centre, **kwargs).application


def mentee_evidence_of(centre, *, content=b"%PDF-1.4 mentee"):
    """A stored evidence file of an application that `centre` mentors."""
    evidence = evidence_for(content=content)
    MentoringFactory(mentor=centre, application=evidence.requirement.application)
    return evidence
