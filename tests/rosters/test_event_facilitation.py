"""An adviser who facilitates an event session is not on duty meanwhile: the planner leaves those
half-days free, and the roster shows the event beside the shifts."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from citemetiers.accounts.roles import Role
from citemetiers.events.models import SessionStatus
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters import planning
from tests.events.factories import SessionFactory
from tests.factories import WEEKDAY_HOURS, CentreFactory, DeskFactory, MembershipFactory
from tests.rosters.test_services import adviser_in, next_monday, plan, visits


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def cite(db):
    return CentreFactory(with_areas=True, opening_hours=WEEKDAY_HOURS)


def at(centre, day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(centre.time_zone))


def facilitated(centre, member, day, start, end, **fields):
    """A session of `centre` on `day` from `start` to `end` (hour, minute), facilitated by `member`."""
    session = SessionFactory(centre=centre, starts_at=at(centre, day, *start), ends_at=at(centre, day, *end), **fields)
    session.facilitators.set([member.user])
    return session


def available(centre, member, day):
    problem, _forecast, _cells = planning.build_problem(centre, day, day)
    return {adviser.id: adviser.available for adviser in problem.advisers}[member.pk]


def test_the_planner_treats_a_facilitator_as_unavailable_for_the_half_day_of_the_session(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    member = adviser_in(cite, [area], [(0, "am"), (0, "pm")])
    facilitated(cite, member, monday, (10, 0), (11, 30))
    assert available(cite, member, monday) == {(monday, "pm")}


def test_a_session_across_midday_takes_both_half_days(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    member = adviser_in(cite, [area], [(0, "am"), (0, "pm")])
    facilitated(cite, member, monday, (12, 0), (14, 0))
    assert available(cite, member, monday) == frozenset()


def test_a_session_outside_the_opening_hours_takes_no_half_day(cite):
    """The Cité opens 9:00–12:30 and 13:30–17:00: a lunchtime or evening session crosses no duty."""
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    member = adviser_in(cite, [area], [(0, "am"), (0, "pm")])
    facilitated(cite, member, monday, (12, 30), (13, 30))
    facilitated(cite, member, monday, (18, 0), (20, 0))
    assert available(cite, member, monday) == {(monday, "am"), (monday, "pm")}


def test_a_cancelled_session_leaves_its_facilitator_available(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    member = adviser_in(cite, [area], [(0, "am")])
    facilitated(cite, member, monday, (10, 0), (11, 0), status=SessionStatus.CANCELLED)
    assert available(cite, member, monday) == {(monday, "am")}


def test_another_cites_session_of_the_same_person_does_not_count_here(cite):
    """A person may work for two Cités: each Cité's planner reads its own events only."""
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    member = adviser_in(cite, [area], [(0, "am")])
    elsewhere = CentreFactory(opening_hours=WEEKDAY_HOURS)
    facilitated(elsewhere, MembershipFactory(centre=elsewhere, user=member.user), monday, (10, 0), (11, 0))
    assert available(cite, member, monday) == {(monday, "am")}


def test_a_proposal_puts_no_shift_on_the_half_day_an_adviser_facilitates(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    for weeks_ago in (1, 2):
        visits(cite, area, on=monday - timedelta(weeks=weeks_ago), hour=10, count=8)
        visits(cite, area, on=monday - timedelta(weeks=weeks_ago), hour=15, count=8)
    DeskFactory(centre=cite)
    member = adviser_in(cite, [area], [(0, "am"), (0, "pm")])
    facilitated(cite, member, monday, (9, 30), (11, 30))
    proposal = plan(cite, monday, monday)
    assert [(s["membership"], s["slot"]) for s in proposal.result["shifts"]] == [(member.pk, "pm")]


@pytest.fixture
def client(client, cite):
    client.force_login(MembershipFactory(centre=cite, roles=[Role.LOGISTICS]).user)
    return client


def roster_page(client, cite, monday, **query):
    url = reverse("rosters:roster", kwargs={"centre_slug": cite.slug})
    return client.get(url, {"date": monday.isoformat(), **query})


def test_the_roster_shows_the_facilitators_event_beside_the_shifts(client, cite):
    monday = next_monday()
    member = adviser_in(cite, [AdviceArea.objects.for_centre(cite).first()], [(0, "am")])
    member.user.full_name = "Camille Martin"
    member.user.save()
    session = facilitated(cite, member, monday, (10, 0), (11, 30), title="Atelier CV")
    page = roster_page(client, cite, monday).content.decode()
    link = reverse("events:session", kwargs={"centre_slug": cite.slug, "session_pk": session.pk})
    assert f'href="{link}"' in page
    cell = page[page.index(link) - 600 : page.index(link) + 300]
    assert "Atelier CV" in cell
    assert "10:00–11:30" in cell
    assert "Camille Martin" in cell


def test_the_roster_of_one_adviser_shows_their_events_only(client, cite):
    monday = next_monday()
    area = AdviceArea.objects.for_centre(cite).first()
    mine, other = adviser_in(cite, [area], [(0, "am")]), adviser_in(cite, [area], [(0, "am")])
    facilitated(cite, mine, monday, (10, 0), (11, 0), title="Mine")
    facilitated(cite, other, monday, (10, 0), (11, 0), title="Theirs")
    page = roster_page(client, cite, monday, adviser=mine.pk).content.decode()
    assert "Mine" in page
    assert "Theirs" not in page


def test_the_roster_page_query_count_does_not_grow_with_events(client, cite, django_assert_max_num_queries):
    monday = next_monday()
    area = AdviceArea.objects.for_centre(cite).first()
    members = [adviser_in(cite, [area], [(0, "am")]) for _ in range(3)]
    roster_page(client, cite, monday)
    for day in range(5):
        for member in members:
            facilitated(cite, member, monday + timedelta(days=day), (10, 0), (11, 0))
    with django_assert_max_num_queries(QUERIES):
        roster_page(client, cite, monday)


QUERIES = 17  # 16 before the events were shown: one query reads them all
