"""The demo network is seeded once per test process and put back before each test that asks for it:
every such test must start from exactly the seeded database, whatever ran before it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from citemetiers.accounts.models import User
from citemetiers.reception.models import Ticket

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("turn", ["one", "another"])
def test_each_test_starts_from_the_seeded_network_whatever_ran_before(demo, demo_database, turn):
    # Row for row the copy, even after another test changed the network and the flush emptied it.
    assert list(connection.connection.iterdump()) == list(demo_database.iterdump())
    # The content types are read again from the database put back, not from what a flush left cached.
    in_database = ContentType.objects.filter(app_label="reception", model="ticket").get()
    assert ContentType.objects.get_for_model(Ticket).pk == in_database.pk
    # What this test changes must not be seen by the next one.
    assert Ticket.objects.filter(centre__slug="paris").exists()
    assert not User.objects.filter(email__startswith="left-by-").exists()
    User.objects.create_user(email=f"left-by-{turn}@example.org", password="x")
    Ticket.objects.filter(centre__slug="paris").update(desk="changed by a test")
