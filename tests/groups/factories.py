import datetime

import factory
from django.utils import timezone

from citemetiers.groups.models import AgendaItem, Meeting, MeetingSeries, Poll, PollKind, WorkingGroup
from tests.factories import CentreFactory, MembershipFactory


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Group {n}")
    mandate = "Improve the welcome of newcomers"
    convenor = factory.SubFactory(MembershipFactory, centre=factory.SelfAttribute("..centre"), roles=["coordinator"])

    @factory.post_generation
    def with_convenor(self, create, extracted, **kwargs):
        if create:
            self.members.add(self.convenor)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    centre = factory.SelfAttribute("group.centre")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    centre = factory.SelfAttribute("meeting.centre")
    title = factory.Sequence(lambda n: f"Item {n}")
    proposed_by = factory.SelfAttribute("meeting.group.convenor")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    group = factory.SubFactory(WorkingGroupFactory)
    centre = factory.SelfAttribute("group.centre")
    rrule = "FREQ=MONTHLY;COUNT=3"
    first_start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    group = factory.SubFactory(WorkingGroupFactory)
    centre = factory.SelfAttribute("group.centre")
    kind = PollKind.CONSENT
    question = factory.Sequence(lambda n: f"Proposal {n}")
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
