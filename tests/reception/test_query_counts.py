"""The number of queries of reception's hot pages and endpoints, pinned: each is polled every few
seconds by every console, screen and visitor's phone of a Cité, so a query added here is paid
thousands of times a day. The counts do not grow with the number of waiting tickets (three
waiting in each of two areas here). A change that adds or saves a query changes its count HERE,
in the same commit, with the reason."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.idempotency import FIELD
from citemetiers.reception.models import AdviceArea, Ticket
from tests.factories import ReceptionSettingsFactory, TicketFactory

pytestmark = pytest.mark.django_db

# Measured on 2026-12-01 with the six default advice areas. "The floor" = session, user, membership
# (the tenancy middleware). "The queues" = the active areas, the waiting and the in-progress tickets
# counted per area and status, the advisers who called lately (ticket events), the shifts on duty
# (rosters), then ONE QUERY PER AREA for its recent waits (the estimate of the wait: grows with the
# number of areas, left as it is).
MAX_QUERIES = {
    # floor 3 + queues 4 + 6 waits + the tickets cancelled a moment ago (their undo) + the membership
    # and areas again for the check-in form, the partner organisations, the areas of the move form +
    # the session save (savepoint, update, release).
    # +1: the check-in form's list of the territory's services (the outside-partner orientation).
    "reception_console": 23,
    # floor 3 + queues 4 + 6 waits + the session save (3).
    "reception_queues": 17,
    # floor 3 + the idempotency key: is it known (1), then recorded first under a savepoint (2);
    # the chosen area; the retry's savepoint; the Cité's closures of the day; under the service's
    # savepoint: ticket counter, visit, ticket, the day marked for the indicators (read,
    # insert-or-ignore), the ticket's log row; the releases (2), the key's answer (1) and release;
    # the session save (3).
    "check_in": 23,
    # floor 3 + the adviser's areas (session) + queues 4 + 6 waits + the adviser's current ticket,
    # the membership again, the current ticket again, the areas of the setup form.
    "adviser_console": 18,
    # floor 3 + the adviser's areas + queues 4 + 6 waits + the current ticket (twice).
    "adviser_panel": 16,
    # floor 3 + the adviser's areas + no current ticket; under one savepoint: the oldest waiting
    # ticket, its update, the day marked (read, insert-or-ignore), the log row.
    "call_next": 12,
    # no session, no user: the ticket by its secret, its interview, the tickets ahead and in
    # progress in its area, the area's recent waits, the advisers who called lately, the shifts.
    "visitor_ticket": 7,
    "visitor_status": 7,
    # the screen by its key, then the latest calls (the ETag's, then the list).
    "display_feed": 3,
}


def url(name, centre, **kwargs):
    return reverse(f"reception:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


@pytest.fixture
def areas(centre):
    return list(AdviceArea.objects.for_centre(centre).filter(code__in=["A", "B"]).order_by("code"))


@pytest.fixture
def waiting(centre, areas):
    return [TicketFactory(centre=centre, area=area) for area in areas for _ in range(3)]


@pytest.fixture
def reception(client_as, waiting):
    return client_as(Role.RECEPTION)


@pytest.fixture
def adviser(client_as, centre, areas, waiting):
    client = client_as(Role.ADVISER)
    client.post(url("adviser_setup", centre), {"areas": [area.pk for area in areas], "desk": "Bureau 3"})
    return client


def test_reception_console(reception, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["reception_console"]):
        assert reception.get(url("console", centre)).status_code == 200


def test_reception_queues(reception, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["reception_queues"]):
        assert reception.get(url("queues", centre)).status_code == 200


def test_check_in(reception, centre, areas, django_assert_max_num_queries):
    # An area without the factory's tickets, whose numbers the day's counter does not know of.
    area = AdviceArea.objects.for_centre(centre).exclude(pk__in=[a.pk for a in areas]).first()
    before = Ticket.objects.count()
    with django_assert_max_num_queries(MAX_QUERIES["check_in"]):
        response = reception.post(
            url("check_in", centre),
            {"outcome": "queue", "areas": [area.pk], "channel": "walk_in", FIELD: "q" * 22},  # as the form sends it
        )
    assert response.status_code == 302
    assert Ticket.objects.count() == before + 1


def test_adviser_console(adviser, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["adviser_console"]):
        assert adviser.get(url("adviser", centre)).status_code == 200


def test_adviser_panel(adviser, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["adviser_panel"]):
        assert adviser.get(url("adviser_panel", centre)).status_code == 200


def test_call_next(adviser, centre, waiting, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES["call_next"]):
        response = adviser.post(url("call_next", centre))
    assert response.status_code == 302
    assert Ticket.objects.get(pk=waiting[0].pk).status == "called"


def test_visitor_ticket_page(client, waiting, django_assert_max_num_queries):
    mine = waiting[-1]
    with django_assert_max_num_queries(MAX_QUERIES["visitor_ticket"]):
        assert client.get(reverse("visitor:ticket", kwargs={"secret": mine.secret})).status_code == 200


def test_visitor_ticket_status(client, waiting, django_assert_max_num_queries):
    mine = waiting[-1]
    with django_assert_max_num_queries(MAX_QUERIES["visitor_status"]):
        assert client.get(reverse("visitor:ticket_status", kwargs={"secret": mine.secret})).status_code == 200


def test_display_feed(client, centre, waiting, django_assert_max_num_queries):
    key = ReceptionSettingsFactory(centre=centre).display_key
    with django_assert_max_num_queries(MAX_QUERIES["display_feed"]):
        assert client.get(reverse("display:feed", kwargs={"key": key})).status_code == 200


# Pinned exactly (not "at most"): the signed-in floor and the call-next cycle are what the
# benchmark (bench/reception.py) measures; a query more or less here is a deliberate change.
EXACT_QUERIES = {
    # the session, the user, the membership with its Cité (one query).
    "floor": 3,
    # as MAX_QUERIES above, counted exactly.
    "check_in": 23,
    "call_next": 12,
    # floor 3 + the adviser's areas (read once, passed on to the queues) + the counts, the advisers
    # who called lately, the shifts + the recent waits of the adviser's two areas in ONE query + the
    # current ticket (twice): no query per area, and none for the areas the adviser does not serve.
    "adviser_panel": 10,
    # floor 3 + the idempotency key (known? then recorded under a savepoint) + the ticket + its lock
    # under a savepoint, its update, the day marked (read, insert-or-ignore), the log row, the releases
    # and the key's answer; the session save.
    "no_show": 15,
}


@pytest.mark.urls("bench.urls")
def test_signed_in_floor_exact(reception, centre, django_assert_num_queries):
    reception.get(reverse("bench_signed_in", kwargs={"centre_slug": centre.slug}))  # the session settled
    with django_assert_num_queries(EXACT_QUERIES["floor"]):
        assert reception.get(reverse("bench_signed_in", kwargs={"centre_slug": centre.slug})).status_code == 200


def test_check_in_exact(reception, centre, areas, django_assert_num_queries):
    area = AdviceArea.objects.for_centre(centre).exclude(pk__in=[a.pk for a in areas]).first()
    with django_assert_num_queries(EXACT_QUERIES["check_in"]):
        response = reception.post(
            url("check_in", centre), {"outcome": "queue", "areas": [area.pk], "channel": "walk_in", FIELD: "q" * 22}
        )
    assert response.status_code == 302


def test_call_next_exact(adviser, centre, django_assert_num_queries):
    with django_assert_num_queries(EXACT_QUERIES["call_next"]):
        assert adviser.post(url("call_next", centre)).status_code == 302


def test_adviser_panel_exact(adviser, centre, django_assert_num_queries):
    with django_assert_num_queries(EXACT_QUERIES["adviser_panel"]):
        assert adviser.get(url("adviser_panel", centre)).status_code == 200


def test_no_show_exact(adviser, centre, waiting, django_assert_num_queries):
    adviser.post(url("call_next", centre))
    called = Ticket.objects.get(pk=waiting[0].pk)
    with django_assert_num_queries(EXACT_QUERIES["no_show"]):
        response = adviser.post(url("ticket_no_show", centre, ticket_pk=called.pk), {FIELD: "n" * 22})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=called.pk).status == "no_show"
