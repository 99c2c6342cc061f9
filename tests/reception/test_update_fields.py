"""A transition writes only the columns it changes: a ticket's fourteen columns are not rewritten by
every call, reception and release (less to send, and no lost update of a column another writer set)."""

import pytest
from django.db.models.signals import pre_save

from citemetiers.reception import ticketing
from citemetiers.reception.models import Ticket
from tests.factories import TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_fields():
    seen = []

    def record(sender, update_fields=None, **kwargs):
        seen.append(None if update_fields is None else set(update_fields))

    pre_save.connect(record, sender=Ticket)
    yield seen
    pre_save.disconnect(record, sender=Ticket)


def test_call_then_no_show_save_only_what_changes(centre, saved_fields):
    ticket = TicketFactory(centre=centre)
    adviser = UserFactory()
    saved_fields.clear()
    called = ticketing.ticket_call_next(centre=centre, areas=[ticket.area], adviser=adviser, desk="Desk 1")
    assert saved_fields == [{"status", "adviser", "desk", "called_at", "call_count"}]
    saved_fields.clear()
    ticketing.ticket_no_show(ticket=called, actor=None)
    assert saved_fields == [{"status", "finished_at"}]
    assert Ticket.objects.get(pk=ticket.pk).status == "no_show"
