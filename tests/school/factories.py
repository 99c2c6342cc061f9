import datetime

import factory
from django.utils import timezone

from citemetiers.school.models import (
    CallForContributions,
    Contribution,
    ContributionFormat,
    ContributionStatus,
    Edition,
    EditionStatus,
    ScoreCategory,
    Slot,
    Track,
)
from tests.factories import CentreFactory, MembershipFactory


def _today():
    return timezone.localdate()


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition in draft, a season of its own; `open_call=True` gives it a track, a criterion and an open call."""

    class Meta:
        model = Edition
        skip_postgeneration_save = True

    year = factory.Sequence(lambda n: 2100 + n)
    season = "winter"
    host_centre = factory.SubFactory(CentreFactory)
    starts_on = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=2))
    venue = "Main hall"
    theme = "Guidance for all ages"

    class Params:
        open_call = factory.Trait(status=EditionStatus.CALL_OPEN)

    @factory.post_generation
    def prepared(obj, create, extracted, **kwargs):
        if obj.status == EditionStatus.CALL_OPEN or extracted:
            CallForContributions.objects.create(
                edition=obj,
                opens_on=_today() - datetime.timedelta(days=5),
                closes_on=_today() + datetime.timedelta(days=20),
            )
            Track.objects.create(edition=obj, name="Reception")
            ScoreCategory.objects.create(edition=obj, name="Relevance")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Track {n}")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution
        exclude = ("membership",)

    edition = factory.SubFactory(EditionFactory, open_call=True)
    track = factory.LazyAttribute(lambda o: o.edition.tracks.first() or TrackFactory(edition=o.edition))
    title = factory.Sequence(lambda n: f"Contribution {n}")
    abstract = "How our reception desk halved its waits."
    format = ContributionFormat.WORKSHOP
    membership = factory.SubFactory(MembershipFactory)
    author = factory.SelfAttribute("membership.user")
    cite = factory.SelfAttribute("membership.centre")

    class Params:
        accepted = factory.Trait(status=ContributionStatus.ACCEPTED)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    contribution = factory.SubFactory(ContributionFactory, accepted=True)
    edition = factory.SelfAttribute("contribution.edition")
    day = factory.SelfAttribute("edition.starts_on")
    starts_at = datetime.time(9, 30)
    ends_at = datetime.time(10, 30)
    room = "Room A"
