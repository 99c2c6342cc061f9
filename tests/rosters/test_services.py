"""Rosters against the database: forecast, planning, publishing, the calendar feed, the follow-up."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from citemetiers.accounts.roles import Role
from citemetiers.centres.selectors import public_holidays
from citemetiers.core.errors import DomainError
from citemetiers.core.models import Notification
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters import feeds, planning, selectors, services
from citemetiers.rosters.checks import violations
from citemetiers.rosters.forecast import demand_forecast
from citemetiers.rosters.models import Availability, Proposal, ProposalStatus, Shift
from citemetiers.rosters.selectors import partnership_follow_up
from tests.factories import (
    WEEKDAY_HOURS,
    CentreFactory,
    DeskFactory,
    InterviewFactory,
    MembershipFactory,
    PartnershipFactory,
    ShiftFactory,
    TicketFactory,
    UserFactory,
)

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in English, whatever language the tests before left active.
    with translation.override("en"):
        yield


def next_monday(today=None):
    """The next Monday starting a week without a French public holiday, so that every weekday is open."""
    today = today or timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())
    while public_holidays(CentreFactory.build(country="FR"), monday, monday + timedelta(days=4)):
        monday += timedelta(days=7)
    return monday


@pytest.fixture
def cite(db):
    return CentreFactory(with_areas=True, opening_hours=WEEKDAY_HOURS)


def planner_of(centre):
    """The services check the actor's role: a logistics member of the Cité plans its rosters."""
    return MembershipFactory(centre=centre, roles=[Role.LOGISTICS]).user


def adviser_in(centre, areas, half_days, organisation=None):
    member = MembershipFactory(
        centre=centre, roles=[Role.ADVISER], **({"organisation": organisation} if organisation else {})
    )
    services.coverage_set(membership=member, areas=areas, actor=None)
    services.availability_set(membership=member, cells=half_days, valid_from=date(2020, 1, 1), actor=None)
    return member


def visits(centre, area, *, on: date, hour: int, count: int):
    moment = datetime.combine(on, time(hour, 15), tzinfo=PARIS)
    for _ in range(count):
        TicketFactory(centre=centre, area=area, service_date=on, created_at=moment)


def test_the_forecast_is_the_mean_of_visitors_per_half_day_over_the_weeks_seen(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    today = next_monday()
    visits(cite, area, on=today - timedelta(days=7), hour=10, count=6)
    visits(cite, area, on=today - timedelta(days=14), hour=10, count=2)
    visits(cite, area, on=today - timedelta(days=14), hour=15, count=3)
    forecast = demand_forecast(cite, today=today)
    assert forecast.visitors(area.pk, today, "am") == 4.0
    assert forecast.visitors(area.pk, today, "pm") == 1.5
    assert forecast.visitors(area.pk, today + timedelta(days=1), "am") == 0


def plan(centre, starts_on, ends_on):
    requester = UserFactory()
    proposal = Proposal.objects.create(
        centre=centre, starts_on=starts_on, ends_on=ends_on, requested_by=requester, requested_at=timezone.now()
    )
    return planning.proposal_run(proposal.pk, time_limit=5)


def test_a_proposal_covers_the_forecast_holds_every_rule_and_is_published_with_notices(cite):
    area, other = AdviceArea.objects.for_centre(cite)[:2]
    monday = next_monday()
    for weeks_ago in (1, 2, 3):
        visits(cite, area, on=monday - timedelta(weeks=weeks_ago), hour=10, count=10)
    DeskFactory(centre=cite, capacity=2)
    first = adviser_in(cite, [area], [(0, "am")])
    second = adviser_in(cite, [area, other], [(0, "am"), (1, "pm")])
    proposal = plan(cite, monday, monday + timedelta(days=4))
    assert proposal.status == ProposalStatus.DONE
    assert proposal.result["coverage"] == 1.0
    problem, _forecast, _cells = planning.build_problem(cite, monday, monday + timedelta(days=4))
    assert problem.demand == {(area.pk, monday, "am"): 2}
    shifts = {(s["membership"], s["date"], s["slot"]) for s in proposal.result["shifts"]}
    assert shifts == {(first.pk, monday.isoformat(), "am"), (second.pk, monday.isoformat(), "am")}

    counts = services.proposal_publish(proposal=proposal, actor=None)
    assert counts == {"added": 2, "removed": 0, "notified": 2}
    assert Shift.objects.for_centre(cite).count() == 2
    assert Notification.objects.filter(user=first.user).exists()
    with pytest.raises(DomainError):
        services.proposal_publish(proposal=proposal, actor=None)


def test_what_cannot_be_covered_is_explained(cite):
    area = AdviceArea.objects.for_centre(cite).last()
    monday = next_monday()
    for weeks_ago in (1, 2):
        visits(cite, area, on=monday - timedelta(weeks=weeks_ago) + timedelta(days=1), hour=15, count=9)
    DeskFactory(centre=cite)
    proposal = plan(cite, monday, monday + timedelta(days=4))
    [unmet] = proposal.result["unmet"]
    assert unmet == {
        "area": area.pk,
        "date": (monday + timedelta(days=1)).isoformat(),
        "slot": "pm",
        "expected": 9.0,
        "needed": unmet["needed"],
        "planned": 0,
        "available": 0,
    }
    assert unmet["needed"] >= 1


def test_locked_shifts_stay_and_the_rest_of_the_period_is_replaced(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    desk = DeskFactory(centre=cite, capacity=3)
    member = adviser_in(cite, [area], [(0, "am"), (0, "pm")])
    locked = ShiftFactory(centre=cite, membership=member, area=area, desk=desk, date=monday, slot="pm", locked=True)
    stale = ShiftFactory(centre=cite, membership=member, area=area, desk=desk, date=monday, slot="am")
    proposal = plan(cite, monday, monday + timedelta(days=4))
    problem, _f, _c = planning.build_problem(cite, monday, monday + timedelta(days=4))
    assert (
        violations(
            problem,
            [
                planning.planner.PlannedShift(
                    s["membership"], s["area"], s["desk"], date.fromisoformat(s["date"]), s["slot"], s["locked"]
                )
                for s in proposal.result["shifts"]
            ],
        )
        == []
    )
    services.proposal_publish(proposal=proposal, actor=None)
    assert Shift.objects.filter(pk=locked.pk).exists()
    assert not Shift.objects.filter(pk=stale.pk).exists(), "no visitor is expected: the unlocked shift goes"


def test_a_proposal_is_refused_when_locked_shifts_changed_since(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    desk = DeskFactory(centre=cite)
    member = adviser_in(cite, [area], [(0, "am")])
    proposal = plan(cite, monday, monday + timedelta(days=4))
    ShiftFactory(centre=cite, membership=member, area=area, desk=desk, date=monday, slot="am", locked=True)
    with pytest.raises(DomainError, match="locked"):
        services.proposal_publish(proposal=proposal, actor=None)


def test_the_period_asked_for_is_checked(cite):
    today = timezone.localdate()
    with pytest.raises(DomainError):
        services.proposal_request(
            centre=cite, starts_on=today, ends_on=today - timedelta(days=1), actor=planner_of(cite)
        )
    with pytest.raises(DomainError):
        services.proposal_request(
            centre=cite, starts_on=today, ends_on=today + timedelta(days=90), actor=planner_of(cite)
        )
    assert not Proposal.objects.exists()


def test_a_shift_by_hand_respects_desks_and_one_place_at_a_time(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    desk = DeskFactory(centre=cite)
    one, two = MembershipFactory(centre=cite), MembershipFactory(centre=cite)
    services.shift_add(
        centre=cite, membership=one, area=area, desk=desk, day=monday, slot="am", locked=True, actor=None
    )
    with pytest.raises(DomainError, match="desk"):
        services.shift_add(
            centre=cite, membership=two, area=area, desk=desk, day=monday, slot="am", locked=True, actor=None
        )
    with pytest.raises(DomainError, match="closed"):
        services.shift_add(
            centre=cite,
            membership=two,
            area=area,
            desk=desk,
            day=monday + timedelta(days=5),
            slot="am",
            locked=True,
            actor=None,
        )


def test_changing_availability_keeps_what_held_before(cite):
    member = adviser_in(cite, [], [(0, "am")])
    services.availability_set(membership=member, cells=[(2, "pm")], valid_from=date(2026, 6, 1), actor=None)
    rows = {(a.weekday, a.slot, a.valid_until) for a in Availability.objects.filter(membership=member)}
    assert rows == {(0, "am", date(2026, 5, 31)), (2, "pm", None)}
    monday = next_monday(date(2026, 6, 1))
    assert selectors.available_cells(member, monday, monday + timedelta(days=6)) == {(monday + timedelta(days=2), "pm")}
    services.absence_add(membership=member, starts_on=monday, ends_on=monday + timedelta(days=6), actor=None)
    assert selectors.available_cells(member, monday, monday + timedelta(days=6)) == set()


def test_the_calendar_feed_is_valid_icalendar_with_each_shift(client, cite):
    area = AdviceArea.objects.for_centre(cite).first()
    member = MembershipFactory(centre=cite)
    monday = next_monday()
    ShiftFactory(centre=cite, membership=member, area=area, date=monday, slot="pm")
    ShiftFactory(centre=cite, area=area, date=monday, slot="pm")  # someone else's
    feed = feeds.feed_for(member)
    response = client.get(reverse("roster_feed:feed", kwargs={"feed": feed.token}))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.combine(monday, time(13, 30), tzinfo=PARIS)
    assert event.decoded("dtend") == datetime.combine(monday, time(17, 0), tzinfo=PARIS)
    assert area.name in str(event["summary"])
    old = feed.token
    feeds.feed_regenerate(membership=member, actor=None)
    assert client.get(reverse("roster_feed:feed", kwargs={"feed": old})).status_code == 404


def test_the_partnership_follow_up_compares_committed_planned_and_served_hours(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    partnership = PartnershipFactory(centre=cite, adviser_hours_per_month=20)
    member = MembershipFactory(centre=cite, organisation=partnership.organisation)
    monday = next_monday()
    ShiftFactory(centre=cite, membership=member, area=area, date=monday, slot="am")  # 3.5 h
    ticket = TicketFactory(centre=cite, area=area, done=True, service_date=monday)
    InterviewFactory(ticket=ticket, centre=cite, area=area, adviser=member.user, duration_minutes=45)
    [row] = [r for r in partnership_follow_up(cite, monday) if r.partnership == partnership]
    assert (row.committed, row.planned, row.served) == (20, 3.5, 0.8)


def test_a_solver_that_finds_no_roster_fails_the_proposal_and_leaves_the_roster_alone(cite, monkeypatch):
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    existing = ShiftFactory(centre=cite, area=area, date=monday, slot="am")
    monkeypatch.setattr(
        planning.planner,
        "solve",
        lambda problem, **kw: planning.planner.Solution([], "UNKNOWN", float("nan"), float("nan"), 0.0),
    )
    proposal = plan(cite, monday, monday + timedelta(days=4))
    assert proposal.status == ProposalStatus.FAILED
    assert "UNKNOWN" in proposal.error
    with pytest.raises(DomainError):
        services.proposal_publish(proposal=proposal, actor=None)
    assert Shift.objects.filter(pk=existing.pk).exists()


def test_a_solver_that_crashes_fails_the_proposal_with_its_message(cite, monkeypatch):
    """The solve runs in a thread of its own: its exception is raised again in the job, which records it."""
    monday = next_monday()

    def crash(problem, **kw):
        raise RuntimeError("the solver crashed")

    monkeypatch.setattr(planning.planner, "solve", crash)
    proposal = plan(cite, monday, monday + timedelta(days=4))
    assert proposal.status == ProposalStatus.FAILED
    assert "the solver crashed" in proposal.error


def test_publishing_leaves_the_days_already_gone_as_they_were(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    today = timezone.localdate()
    past = ShiftFactory(centre=cite, area=area, date=today - timedelta(days=2), slot="am")
    proposal = Proposal.objects.create(
        centre=cite,
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=3),
        status=ProposalStatus.DONE,
        requested_by=UserFactory(),
        requested_at=timezone.now(),
        result={"shifts": [], "unmet": []},
    )
    services.proposal_publish(proposal=proposal, actor=None)
    assert Shift.objects.filter(pk=past.pk).exists()


def test_the_calendar_feed_defines_the_time_zone_it_names(client, cite):
    member = MembershipFactory(centre=cite)
    ShiftFactory(centre=cite, membership=member, date=next_monday(), slot="am")
    response = client.get(reverse("roster_feed:feed", kwargs={"feed": feeds.feed_for(member).token}))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


@pytest.mark.parametrize(
    "query",
    ["?date=9999-12-31", "?date=0001-01-01", "?area=%C2%B2", "?adviser=99999999999999999999", "?view=month&date=x"],
)
def test_odd_addresses_of_the_roster_answer_a_page(client, cite, query):
    client.force_login(MembershipFactory(centre=cite, roles=[Role.LOGISTICS]).user)
    assert client.get(reverse("rosters:roster", kwargs={"centre_slug": cite.slug}) + query).status_code == 200


def test_a_shift_refused_by_hand_comes_back_with_the_reason_and_the_choices(client, cite):
    area = AdviceArea.objects.for_centre(cite).first()
    desk = DeskFactory(centre=cite)
    monday = next_monday()
    ShiftFactory(centre=cite, area=area, desk=desk, date=monday, slot="am")
    other = MembershipFactory(centre=cite)
    client.force_login(MembershipFactory(centre=cite, roles=[Role.LOGISTICS]).user)
    data = {"membership": other.pk, "area": area.pk, "desk": desk.pk, "day": monday.isoformat(), "slot": "am"}
    response = client.post(reverse("rosters:shift_add", kwargs={"centre_slug": cite.slug}), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Ce bureau est déjà occupé" in page
    assert f'<option value="{other.pk}" selected>' in page
    assert Shift.objects.for_centre(cite).count() == 1


def test_an_extra_half_day_adds_to_the_week_and_survives_a_new_weekly_pattern(cite):
    member = adviser_in(cite, [], [(0, "am")])
    monday = next_monday(date(2026, 6, 1))
    wednesday = monday + timedelta(days=2)
    services.availability_add_one_off(membership=member, day=wednesday, slot="pm", actor=None)
    week = (monday, monday + timedelta(days=6))
    assert selectors.available_cells(member, *week) == {(monday, "am"), (wednesday, "pm")}
    services.availability_set(membership=member, cells=[(1, "am")], valid_from=date(2026, 5, 1), actor=None)
    assert selectors.available_cells(member, *week) == {(monday + timedelta(days=1), "am"), (wednesday, "pm")}
    with pytest.raises(DomainError, match="closed"):
        services.availability_add_one_off(membership=member, day=monday + timedelta(days=5), slot="am", actor=None)


def test_the_availability_page_records_an_extra_half_day_and_explains_a_closed_one(client, cite):
    member = MembershipFactory(centre=cite, roles=[Role.ADVISER])
    client.force_login(member.user)
    page_url = reverse("rosters:my_availability", kwargs={"centre_slug": cite.slug})
    monday = next_monday()
    saturday = monday + timedelta(days=5)
    refused = client.post(page_url, {"extra-day": saturday.isoformat(), "extra-slot": "am"})
    assert refused.status_code == 422
    assert saturday.isoformat() in refused.content.decode(), "the date typed is kept"
    assert client.post(page_url, {"extra-day": monday.isoformat(), "extra-slot": "pm"}).status_code == 302
    assert selectors.available_cells(member, monday, monday) == {(monday, "pm")}


def test_the_queues_count_the_advisers_the_roster_puts_on_duty_now(cite):
    from citemetiers.reception.selectors import queues

    area, other = AdviceArea.objects.for_centre(cite)[:2]
    now = datetime.combine(next_monday(), time(10, 0), tzinfo=PARIS)
    ShiftFactory(centre=cite, area=area, date=now.date(), slot="am")
    ShiftFactory(centre=cite, area=area, date=now.date(), slot="pm")  # later: not on duty yet
    counts = {state.area.pk: state.advisers for state in queues(cite, now=now)}
    assert (counts[area.pk], counts[other.pk]) == (1, 0)


def test_asking_for_a_proposal_computes_it_in_the_background_once_committed(
    cite, settings, django_capture_on_commit_callbacks
):
    settings.ROSTER_SOLVER_SECONDS = 2
    area = AdviceArea.objects.for_centre(cite).first()
    monday = next_monday()
    DeskFactory(centre=cite)
    adviser_in(cite, [area], [(0, "am")])
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_request(centre=cite, starts_on=monday, ends_on=monday, actor=planner_of(cite))
    proposal.refresh_from_db()
    assert (proposal.status, proposal.progress) == (ProposalStatus.DONE, 100)


def test_a_proposal_abandoned_by_a_dead_worker_is_computed_again(cite, settings):
    from citemetiers.rosters import tasks

    settings.ROSTER_SOLVER_SECONDS = 2
    monday = next_monday()
    abandoned = Proposal.objects.create(
        centre=cite,
        starts_on=monday,
        ends_on=monday,
        requested_by=UserFactory(),
        requested_at=timezone.now() - timedelta(hours=1),
        started_at=timezone.now() - timedelta(hours=1),
        status=ProposalStatus.RUNNING,
        progress=40,
    )
    tasks.proposals_requeue_stale.enqueue()
    abandoned.refresh_from_db()
    assert abandoned.status == ProposalStatus.DONE


@pytest.mark.parametrize("gone", ["account", "cite"])
def test_the_calendar_feed_stops_when_the_account_or_the_cite_is_disabled(client, cite, gone):
    """The feed names a person's duties: it answers only while the person could sign in to that Cité."""
    member = MembershipFactory(centre=cite)
    url = reverse("roster_feed:feed", kwargs={"feed": feeds.feed_for(member).token})
    assert client.get(url).status_code == 200
    owner = member.user if gone == "account" else cite
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_the_weekly_availability_and_the_areas_covered_are_saved_together_or_not_at_all(client, cite, monkeypatch):
    member = MembershipFactory(centre=cite, roles=[Role.ADVISER])
    area = AdviceArea.objects.for_centre(cite).first()
    client.force_login(member.user)

    def refuse(**kwargs):
        raise DomainError("refused", field="areas")

    monkeypatch.setattr(services, "coverage_set", refuse)
    page_url = reverse("rosters:my_availability", kwargs={"centre_slug": cite.slug})
    posted = {
        "week-half_days": ["0am", "1pm"],
        "week-valid_from": date(2026, 6, 1).isoformat(),
        "week-areas": [area.pk],
    }
    refused = client.post(page_url, posted)
    assert refused.status_code == 422
    assert not Availability.objects.filter(membership=member).exists(), "the week was not saved without its areas"
