"""A session's attendance marked while the participant cancels, against PostgreSQL: the participant's row
lock orders the two, so a cancelled registration never keeps a session attended.

Runs in the PostgreSQL pass (marker `postgres`); SQLite has no row locks to prove anything about.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from citemetiers.core.errors import DomainError
from citemetiers.school import services
from citemetiers.school.models import EditionStatus, Participant, ParticipantStatus
from tests.concurrency import run_at_once
from tests.factories import MembershipFactory, UserFactory
from tests.school.factories import EditionFactory, SlotFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PAIRS = 8


def test_a_mark_and_a_cancellation_at_once_never_leave_a_cancelled_participant_present():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."
    edition = EditionFactory(open_call=True, starts_on=timezone.localdate() - datetime.timedelta(days=1))
    slot = SlotFactory(contribution__edition=edition)
    people = []
    for _ in range(PAIRS):
        membership = MembershipFactory()
        people.append(services.participant_register(edition=edition, cite=membership.centre, actor=membership.user))
    edition.status = EditionStatus.PROGRAMME_PUBLISHED
    edition.save(update_fields=["status"])
    organiser = UserFactory(network_coordinator=True)
    refused = []

    def work(index):
        participant = people[index // 2]
        if index % 2:
            services.participant_cancel(participant=participant, actor=participant.user)
            return
        try:
            services.session_attendance_record(participant=participant, slot=slot, attended=True, actor=organiser)
        except DomainError as error:  # the cancellation came first: refused with the page's message
            refused.append(error)

    run_at_once(work, 2 * PAIRS)
    assert Participant.objects.filter(edition=edition, status=ParticipantStatus.CANCELLED).count() == PAIRS
    assert not slot.attended_by.exists()
    assert not Participant.objects.filter(edition=edition, attended=True).exists()
