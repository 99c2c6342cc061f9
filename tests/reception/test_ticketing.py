from datetime import UTC, datetime, timedelta

import pytest

from citemetiers.core.errors import DomainError
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea, Ticket, TicketEvent, TicketStatus, Visit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def areas(centre):
    return {area.code: area for area in AdviceArea.objects.for_centre(centre)}


def _check_in(centre, *areas, minutes=0, profile=None):
    _, tickets = ticketing.visit_check_in(
        centre=centre, areas=areas, profile=profile or {}, actor=None, now=MORNING + timedelta(minutes=minutes)
    )
    return tickets


def test_check_in_numbers_tickets_per_area_and_day(centre, areas):
    labels = [_check_in(centre, areas[code], minutes=i)[0].label for i, code in enumerate("AABA")]
    assert labels == ["A-001", "A-002", "B-001", "A-003"]


def test_numbering_restarts_on_the_next_local_day(centre, areas):
    _check_in(centre, areas["A"])
    (next_day,) = _check_in(centre, areas["A"], minutes=24 * 60)
    assert next_day.number == 1


def test_the_day_is_the_cites_own_calendar_day(centre, areas):
    # 23:30 UTC is already the next day in Paris.
    late = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert ticketing.service_date(centre, late).isoformat() == "2026-11-26"


def test_check_in_stores_only_the_coarse_profile(centre, areas):
    visit, _ = ticketing.visit_check_in(
        centre=centre,
        areas=[areas["B"]],
        profile={"age_band": "26_44", "gender": "not_stated", "residence_area": "75", "name": "ignored"},
        actor=None,
        now=MORNING,
    )
    visit = Visit.objects.get(pk=visit.pk)
    assert (visit.age_band, visit.gender, visit.residence_area, visit.situation) == ("26_44", "not_stated", "75", "")
    assert visit.first_need == areas["B"]


def test_a_visit_may_queue_for_several_areas_or_go_elsewhere(centre, areas):
    assert [t.label for t in _check_in(centre, areas["A"], areas["E"])] == ["A-001", "E-001"]
    visit, tickets = ticketing.visit_check_in(
        centre=centre, areas=[], profile={}, outcome="self_service", actor=None, now=MORNING
    )
    assert tickets == [] and visit.outcome == "self_service"


def test_queueing_without_an_area_is_refused(centre):
    with pytest.raises(DomainError) as refused:
        ticketing.visit_check_in(centre=centre, areas=[], profile={}, actor=None, now=MORNING)
    assert refused.value.field == "areas"
    assert not Visit.objects.exists()


def test_an_area_of_another_cite_is_refused(centre, other_centre):
    with pytest.raises(DomainError):
        _check_in(centre, other_centre.advice_areas.first())
    assert not Visit.objects.exists()


def test_ticket_secrets_are_long_and_distinct(centre, areas):
    secrets = {ticket.secret for ticket in _check_in(centre, *areas.values())}
    assert len(secrets) == 6
    assert all(len(secret) >= 22 for secret in secrets)  # 22 url-safe characters carry 128 bits


def test_call_next_takes_the_oldest_waiting_ticket_of_the_areas(centre, areas):
    _check_in(centre, areas["B"], minutes=0)
    _check_in(centre, areas["A"], minutes=1)
    _check_in(centre, areas["A"], minutes=2)
    adviser = UserFactory()
    first = ticketing.ticket_call_next(centre=centre, areas=[areas["A"]], adviser=adviser, desk="3", now=MORNING)
    assert (first.label, first.status, first.desk, first.adviser) == ("A-001", TicketStatus.CALLED, "3", adviser)
    second = ticketing.ticket_call_next(centre=centre, areas=[areas["A"], areas["B"]], adviser=adviser, desk="3")
    assert second.label == "B-001"


def test_call_next_on_an_empty_queue_returns_nothing(centre, areas):
    assert ticketing.ticket_call_next(centre=centre, areas=[areas["A"]], adviser=UserFactory(), desk="1") is None


def test_the_whole_service_of_a_ticket_is_logged(centre, areas):
    adviser = UserFactory()
    (ticket,) = _check_in(centre, areas["C"])
    ticket = ticketing.ticket_call_next(centre=centre, areas=[areas["C"]], adviser=adviser, desk="2")
    ticket = ticketing.ticket_recall(ticket=ticket, actor=adviser)
    ticket = ticketing.ticket_start(ticket=ticket, actor=adviser)
    ticket = ticketing.ticket_finish(ticket=ticket, actor=adviser)
    assert ticket.status == TicketStatus.DONE and ticket.call_count == 2
    assert list(TicketEvent.objects.filter(ticket=ticket).order_by("id").values_list("transition", flat=True)) == [
        "issue",
        "call",
        "recall",
        "start",
        "finish",
    ]


@pytest.mark.parametrize(
    ("setup", "service"),
    [
        ([], ticketing.ticket_finish),
        ([], ticketing.ticket_start),
        ([], ticketing.ticket_no_show),
        (["call", "start"], ticketing.ticket_cancel),
        (["call", "start", "finish"], ticketing.ticket_recall),
    ],
)
def test_illegal_transitions_raise_a_readable_error_and_change_nothing(centre, areas, setup, service):
    (ticket,) = _check_in(centre, areas["A"])
    steps = {
        "call": lambda t: ticketing.ticket_call_next(centre=centre, areas=[areas["A"]], adviser=None, desk="1"),
        "start": lambda t: ticketing.ticket_start(ticket=t, actor=None),
        "finish": lambda t: ticketing.ticket_finish(ticket=t, actor=None),
    }
    for step in setup:
        ticket = steps[step](ticket)
    status = Ticket.objects.get(pk=ticket.pk).status
    with pytest.raises(ticketing.IllegalTransition, match="A-001"):
        service(ticket=ticket, actor=None)
    assert Ticket.objects.get(pk=ticket.pk).status == status


def test_moving_a_ticket_keeps_the_visitors_place_in_time(centre, areas):
    (early,) = _check_in(centre, areas["A"], minutes=0)
    _check_in(centre, areas["B"], minutes=5)
    moved = ticketing.ticket_move(ticket=early, area=areas["B"], actor=None, now=MORNING + timedelta(minutes=10))
    assert moved.label == "B-002"
    assert Ticket.objects.get(pk=early.pk).status == TicketStatus.CANCELLED
    called = ticketing.ticket_call_next(centre=centre, areas=[areas["B"]], adviser=None, desk="1")
    assert called.pk == moved.pk


def test_closing_the_day_closes_open_tickets_as_left_and_keeps_them(centre, areas):
    waiting, called, served = (_check_in(centre, areas["A"], minutes=i)[0] for i in range(3))
    ticketing.ticket_call_next(centre=centre, areas=[areas["A"]], adviser=None, desk="1")  # calls `waiting`
    ticketing.ticket_call_next(centre=centre, areas=[areas["A"]], adviser=None, desk="1")  # calls `called`
    ticketing.ticket_start(ticket=called, actor=None)
    ticketing.ticket_finish(ticket=called, actor=None)
    closed = ticketing.tickets_close_day(centre=centre, day=waiting.service_date, actor=None)
    statuses = dict(Ticket.objects.values_list("pk", "status"))
    assert closed == 2
    assert statuses == {waiting.pk: TicketStatus.LEFT, called.pk: TicketStatus.DONE, served.pk: TicketStatus.LEFT}


def test_another_cites_queue_is_never_called(centre, other_centre, areas):
    ticketing.visit_check_in(
        centre=other_centre, areas=[other_centre.advice_areas.first()], profile={}, actor=None, now=MORNING
    )
    assert ticketing.ticket_call_next(centre=centre, areas=list(areas.values()), adviser=None, desk="1") is None
