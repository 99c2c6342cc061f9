"""Real concurrent cancellations and registrations against PostgreSQL: the edition's row lock gives each
freed place to the waiting list, in order, once.

Runs in the PostgreSQL pass (marker `postgres`); SQLite has no row locks to prove anything about.
"""

import pytest
from django.db import connection

from citemetiers.school import services
from citemetiers.school.models import Participant, ParticipantStatus
from tests.concurrency import raised, run_at_once
from tests.factories import CentreFactory, MembershipFactory
from tests.school.factories import EditionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def test_simultaneous_cancellations_and_registrations_promote_the_waiting_in_order_once():
    edition = EditionFactory(open_call=True, quota_per_cite=5)
    centre = CentreFactory()

    def register(user):
        return services.participant_register(edition=edition, cite=centre, actor=user)

    registered = [register(MembershipFactory(centre=centre).user) for _ in range(5)]
    waiting = [register(MembershipFactory(centre=centre).user) for _ in range(5)]
    newcomers = [MembershipFactory(centre=centre).user for _ in range(10)]

    def work(index):
        if index < 5:
            services.participant_cancel(participant=registered[index], actor=registered[index].user)
        else:
            register(newcomers[index - 5])

    outcomes = run_at_once(work, 15)
    assert not raised(outcomes), outcomes
    holders = set(
        Participant.objects.filter(edition=edition, status=ParticipantStatus.REGISTERED).values_list("pk", flat=True)
    )
    # The freed places went to the five who waited first, never to a newcomer; the newcomers queue.
    assert holders == {p.pk for p in waiting}
    assert Participant.objects.filter(edition=edition, status=ParticipantStatus.WAITING).count() == 10
    assert Participant.objects.filter(edition=edition, status=ParticipantStatus.CANCELLED).count() == 5
