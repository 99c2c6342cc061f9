from datetime import UTC, datetime, timedelta

import pytest

from citemetiers.reception import selectors, ticketing
from citemetiers.reception.models import AdviceArea, Ticket
from citemetiers.reception.selectors import WaitEstimate, estimate_wait
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_no_adviser_means_unknown_wait():
    assert estimate_wait(ahead=3, samples=[20, 20, 20], advisers=0) == WaitEstimate(reason="no_adviser")


def test_too_little_history_means_unknown_wait():
    assert estimate_wait(ahead=3, samples=[20, 20], advisers=1) == WaitEstimate(reason="no_history")


def test_the_range_grows_with_the_queue_and_shrinks_with_advisers():
    samples = [10, 15, 20, 25, 30]
    one = estimate_wait(ahead=4, samples=samples, advisers=1)
    two = estimate_wait(ahead=4, samples=samples, advisers=2)
    longer = estimate_wait(ahead=8, samples=samples, advisers=1)
    assert one.low < one.high
    assert (two.low, two.high) < (one.low, one.high)
    assert longer.low > one.low and longer.high > one.high
    # Quick quartile 15 min x 4 ahead = 60; slow quartile 25 min x 5 = 125.
    assert (one.low, one.high) == (60, 125)


def test_nobody_ahead_and_an_adviser_serving_is_a_short_wait():
    estimate = estimate_wait(ahead=0, samples=[10, 20, 30], advisers=1)
    assert estimate.low == 0 and estimate.high <= 5


def _serve(centre, area, adviser, start, minutes):
    ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=start)
    ticket = ticketing.ticket_call_next(centre=centre, areas=[area], adviser=adviser, desk="1", now=start)
    ticketing.ticket_start(ticket=ticket, actor=adviser, now=start)
    ticketing.ticket_finish(ticket=ticket, actor=adviser, now=start + timedelta(minutes=minutes))


def test_queues_count_today_and_estimate_from_recent_service(centre):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    adviser = UserFactory()
    for index, minutes in enumerate([10, 20, 30]):
        _serve(centre, area, adviser, NOW - timedelta(minutes=50 - 15 * index), minutes)
    for index in range(3):
        ticketing.visit_check_in(
            centre=centre, areas=[area], profile={}, actor=None, now=NOW + timedelta(seconds=index)
        )
    state = next(q for q in selectors.queues(centre, now=NOW, with_tickets=True) if q.area == area)
    assert (state.waiting, state.advisers, len(state.tickets)) == (3, 1, 3)
    assert state.estimate.known
    other = next(q for q in selectors.queues(centre, now=NOW) if q.area.code == "B")
    assert (other.waiting, other.estimate.known) == (0, False)


def test_position_counts_only_those_before_in_the_same_queue(centre):
    a, b = AdviceArea.objects.for_centre(centre).filter(code__in="AB").order_by("code")
    first = ticketing.visit_check_in(centre=centre, areas=[a], profile={}, actor=None, now=NOW)[1][0]
    ticketing.visit_check_in(centre=centre, areas=[b], profile={}, actor=None, now=NOW + timedelta(seconds=1))
    third = ticketing.visit_check_in(centre=centre, areas=[a], profile={}, actor=None, now=NOW + timedelta(seconds=2))
    assert selectors.tickets_ahead(first) == 0
    assert selectors.tickets_ahead(third[1][0]) == 1


def test_the_display_version_changes_on_each_call_and_recall(centre):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    adviser = UserFactory()
    ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=NOW)
    before = selectors.display_version(centre, now=NOW)
    ticket = ticketing.ticket_call_next(centre=centre, areas=[area], adviser=adviser, desk="Desk 2", now=NOW)
    after_call = selectors.display_version(centre, now=NOW)
    ticketing.ticket_recall(ticket=ticket, actor=adviser, now=NOW + timedelta(minutes=1))
    after_recall = selectors.display_version(centre, now=NOW + timedelta(minutes=1))
    assert len({before, after_call, after_recall}) == 3


def test_the_display_lists_a_recalled_ticket_once_at_its_latest_call(centre):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    adviser = UserFactory()
    for seconds in (0, 1):
        ticketing.visit_check_in(
            centre=centre, areas=[area], profile={}, actor=None, now=NOW + timedelta(seconds=seconds)
        )
    first = ticketing.ticket_call_next(centre=centre, areas=[area], adviser=adviser, desk="Desk 2", now=NOW)
    ticketing.ticket_no_show(ticket=first, actor=adviser, now=NOW + timedelta(minutes=1))
    ticketing.ticket_call_next(
        centre=centre, areas=[area], adviser=adviser, desk="Desk 3", now=NOW + timedelta(minutes=2)
    )
    second = Ticket.objects.get(number=2)
    ticketing.ticket_recall(ticket=second, actor=adviser, now=NOW + timedelta(minutes=3))
    calls = selectors.display_calls(centre, now=NOW + timedelta(minutes=4))
    assert [e.ticket.label for e in calls] == ["A-002", "A-001"]


def test_day_summary_counts_tickets_by_status_and_median_wait(centre):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    adviser = UserFactory()
    _serve(centre, area, adviser, NOW - timedelta(hours=1), 20)
    ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=NOW)
    ticketing.visit_check_in(centre=centre, areas=[], profile={}, outcome="self_service", actor=None, now=NOW)
    summary = selectors.day_summary(centre, ticketing.service_date(centre, NOW))
    assert summary.visits == 3
    assert {value: count for value, _label, count in summary.outcomes} == {
        "queue": 2,
        "self_service": 1,
        "workshop": 0,
        "partner": 0,
        "answered": 0,
    }
    (row,) = summary.rows
    assert (row["total"], row["done"], row["waiting"], row["median_wait"]) == (2, 1, 1, 0)
    assert summary.still_open == 1


def test_day_summary_counts_a_moved_ticket_as_moved_not_cancelled(centre):
    a, b = AdviceArea.objects.for_centre(centre).filter(code__in="AB").order_by("code")
    moved = ticketing.visit_check_in(centre=centre, areas=[a], profile={}, actor=None, now=NOW)[1][0]
    cancelled = ticketing.visit_check_in(centre=centre, areas=[a], profile={}, actor=None, now=NOW)[1][0]
    ticketing.ticket_move(ticket=moved, area=b, actor=None, now=NOW + timedelta(minutes=1))
    ticketing.ticket_cancel(ticket=cancelled, actor=None, now=NOW + timedelta(minutes=1))
    summary = selectors.day_summary(centre, ticketing.service_date(centre, NOW))
    row_a = next(row for row in summary.rows if row["area"] == a)
    assert (row_a["total"], row_a["moved"], row_a["cancelled"]) == (2, 1, 1)


def test_advisers_serving_an_area_are_those_who_called_there_within_the_hour(centre, other_centre):
    a, b = AdviceArea.objects.for_centre(centre).filter(code__in="AB").order_by("code")
    first, second, earlier = UserFactory(), UserFactory(), UserFactory()
    _serve(centre, a, first, NOW - timedelta(minutes=30), 5)
    _serve(centre, a, first, NOW - timedelta(minutes=20), 5)  # the same adviser twice counts once
    _serve(centre, a, second, NOW - timedelta(minutes=10), 5)
    _serve(centre, b, second, NOW - timedelta(minutes=5), 3)
    _serve(centre, b, earlier, NOW - timedelta(minutes=90), 3)  # more than an hour ago
    elsewhere = AdviceArea.objects.for_centre(other_centre).get(code="A")
    _serve(other_centre, elsewhere, UserFactory(), NOW - timedelta(minutes=5), 3)
    advisers = {q.area.code: q.advisers for q in selectors.queues(centre, now=NOW)}
    assert (advisers["A"], advisers["B"], advisers["C"]) == (2, 1, 0)
    assert selectors.active_advisers_by_area(centre.pk, now=NOW) == {a.pk: 2, b.pk: 1}
