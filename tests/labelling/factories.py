import datetime

import factory

from citemetiers.labelling.models import Evaluation, LabelApplication, Requirement
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
