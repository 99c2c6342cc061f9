"""Real concurrent connections against PostgreSQL: numbers stay gap-free, calls never collide.

These run in the PostgreSQL pass of `make test` (marker `postgres`); SQLite has no row locks
to prove anything about.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.idempotency import FIELD
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea, Ticket, TicketStatus, Visit
from tests.concurrency import raised, run_at_once
from tests.factories import CentreFactory, MembershipFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 12


@pytest.fixture(autouse=True)
def _postgresql_only():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."


def _run_at_once(work, count):
    """run_at_once's results, every thread having returned (none raised)."""
    outcomes = run_at_once(work, count)
    assert not raised(outcomes), raised(outcomes)
    return outcomes


def test_simultaneous_check_ins_get_unique_gap_free_numbers():
    centre = CentreFactory(with_areas=True)
    area = AdviceArea.objects.for_centre(centre).get(code="A")

    def check_in(_):
        return ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None)[1][0].number

    numbers = _run_at_once(check_in, WORKERS)
    assert sorted(numbers) == list(range(1, WORKERS + 1))


def test_simultaneous_calls_never_get_the_same_ticket():
    centre = CentreFactory(with_areas=True)
    area = AdviceArea.objects.for_centre(centre).get(code="B")
    for _ in range(WORKERS - 4):
        ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None)
    advisers = [UserFactory() for _ in range(WORKERS)]

    def call(index):
        ticket = ticketing.ticket_call_next(centre=centre, areas=[area], adviser=advisers[index], desk=str(index))
        return ticket.pk if ticket else None

    called = [pk for pk in _run_at_once(call, WORKERS) if pk is not None]
    # Every waiting visitor is called once, and the advisers who found nobody got None, not a duplicate.
    assert len(called) == len(set(called)) == WORKERS - 4
    assert not Ticket.objects.filter(status=TicketStatus.WAITING).exists()
    assert Ticket.objects.filter(status=TicketStatus.CALLED).values("adviser").distinct().count() == WORKERS - 4


def test_the_same_check_in_posted_at_once_from_two_connections_makes_one_visit():
    """A double click whose two requests reach two app-server processes at the same instant."""
    centre = CentreFactory(with_areas=True)
    user = MembershipFactory(centre=centre, roles=[Role.RECEPTION]).user
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    path = reverse("reception:check_in", kwargs={"centre_slug": centre.slug})
    data = {"outcome": "queue", "areas": [area.pk], FIELD: "same-key-from-a-double-click"}

    def post(_):
        client = Client()
        client.force_login(user)
        response = client.post(path, data)
        return response.status_code, response["Location"]

    answers = _run_at_once(post, 2)
    assert Visit.objects.filter(centre=centre).count() == 1
    assert answers[0] == answers[1] and answers[0][0] == 302
