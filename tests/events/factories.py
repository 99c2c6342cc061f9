from datetime import timedelta

import factory
from django.utils import timezone

from citemetiers.events.models import EventType, Session
from tests.factories import CentreFactory


class EventTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventType

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Workshop type {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    event_type = factory.SubFactory(EventTypeFactory, centre=factory.SelfAttribute("..centre"))
    title = factory.Sequence(lambda n: f"CV workshop {n}")
    capacity = 3
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=2))
