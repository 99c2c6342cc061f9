"""A check-in the database refuses because of concurrent ones is tried once more, then explained."""

import psycopg
import pytest
from django.db import OperationalError
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea, Ticket, Visit


def _deadlock():
    return OperationalError("deadlock detected")


def _failing_counter(failures: list[int]):
    """_next_number that fails with a deadlock the first failures[0] times."""
    real = ticketing._next_number

    def next_number(area, day):
        if failures[0] > 0:
            failures[0] -= 1
            raise _deadlock() from psycopg.errors.DeadlockDetected("deadlock detected")
        return real(area, day)

    return next_number


@pytest.mark.django_db
def test_a_check_in_that_keeps_deadlocking_shows_a_clear_message_and_saves_nothing(client_as, centre, monkeypatch):
    monkeypatch.setattr(ticketing, "_next_number", _failing_counter([100]))
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    response = client_as(Role.RECEPTION).post(
        reverse("reception:check_in", kwargs={"centre_slug": centre.slug}), {"outcome": "queue", "areas": [area.pk]}
    )
    assert response.status_code == 422
    assert "Veuillez réessayer" in response.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_check_in_refused_once_for_a_deadlock_is_done_on_the_second_attempt(centre, monkeypatch):
    monkeypatch.setattr(ticketing, "_next_number", _failing_counter([1]))
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    _visit, tickets = ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None)
    assert [t.label for t in Ticket.objects.all()] == [tickets[0].label] == ["A-001"]
    assert Visit.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_check_in_from_the_console_refused_once_for_a_deadlock_is_done_on_the_second_attempt(
    client_as, centre, monkeypatch
):
    """The console's form runs inside the transaction of its idempotency key: the retry still happens."""
    from citemetiers.core.idempotency import FIELD

    monkeypatch.setattr(ticketing, "_next_number", _failing_counter([1]))
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    response = client_as(Role.RECEPTION).post(
        reverse("reception:check_in", kwargs={"centre_slug": centre.slug}),
        {"outcome": "queue", "areas": [area.pk], FIELD: "k" * 22},
    )
    assert response.status_code == 302
    assert [t.label for t in Ticket.objects.all()] == ["A-001"]
