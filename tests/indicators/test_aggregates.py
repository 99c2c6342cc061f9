from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from citemetiers.indicators import services
from citemetiers.indicators.models import DailyCount, DirtyDay
from citemetiers.indicators.selectors import percentile, totals
from citemetiers.reception import interviews, ticketing
from citemetiers.reception.models import AdviceArea, Interview, Ticket, Visit
from tests.factories import MembershipFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Paris


def _activity(centre):
    """Two days of reception through the real services: queues, calls, interviews, no-shows, closing."""
    a, b = AdviceArea.objects.for_centre(centre).filter(code__in="AB").order_by("code")
    adviser = UserFactory()
    cv, funding = ThemeFactory(centre=centre), ThemeFactory(centre=centre)
    for day in range(2):
        start = MONDAY + timedelta(days=day)
        for index in range(6):
            area = a if index % 2 else b
            ticketing.visit_check_in(
                centre=centre,
                areas=[area],
                profile={"age_band": ["18_25", "26_44", ""][index % 3], "channel": "walk_in"},
                actor=None,
                now=start + timedelta(minutes=10 * index),
            )
        ticketing.visit_check_in(
            centre=centre, areas=[], profile={}, outcome="self_service", actor=None, now=start + timedelta(minutes=5)
        )
        for index in range(4):
            at = start + timedelta(minutes=60 + 30 * index)
            ticket = ticketing.ticket_call_next(centre=centre, areas=[a, b], adviser=adviser, desk="1", now=at)
            if index == 3:
                ticketing.ticket_no_show(ticket=ticket, actor=adviser, now=at + timedelta(minutes=3))
                continue
            ticketing.ticket_start(ticket=ticket, actor=adviser, now=at + timedelta(minutes=1))
            ticket = ticketing.ticket_finish(ticket=ticket, actor=adviser, now=at + timedelta(minutes=21 + index))
            interviews.interview_record(
                ticket=ticket,
                data={"themes": [cv] if index else [cv, funding], "orientations": ["workshop"]},
                actor=adviser,
                now=at + timedelta(minutes=22),
            )
            if index == 0:
                interviews.survey_answer(ticket=ticket, rating=4, now=at + timedelta(minutes=30))
        ticketing.tickets_close_day(
            centre=centre, day=ticketing.service_date(centre, start), actor=None, now=start + timedelta(hours=9)
        )
    return a, b, cv, funding


def _snapshot(centre):
    return Counter(
        {(row.day, row.area_id, row.metric, row.key): row.value for row in DailyCount.objects.filter(centre=centre)}
    )


def test_kept_up_to_date_equals_rebuilt_equals_computed_from_raw(centre):
    _a, _b, cv, funding = _activity(centre)
    assert DirtyDay.objects.filter(centre=centre).count() == 2
    services.refresh_changed_everywhere()
    assert not DirtyDay.objects.exists()
    incremental = _snapshot(centre)
    services.rebuild(centre=centre)
    assert _snapshot(centre) == incremental

    # Independently, from the raw records, with the Cité's calendar day.
    days = {ticketing.service_date(centre, MONDAY + timedelta(days=d)) for d in range(2)}
    expected = Counter()
    for visit in Visit.objects.filter(centre=centre):
        day = ticketing.service_date(centre, visit.arrived_at)
        expected[(day, visit.first_need_id, "visits", "")] += 1
        expected[(day, visit.first_need_id, "age_band", visit.age_band or "unknown")] += 1
    for ticket in Ticket.objects.filter(centre=centre):
        expected[(ticket.service_date, ticket.area_id, "status", ticket.status)] += 1
        if ticket.called_at:
            minutes = int((ticket.called_at - ticket.created_at).total_seconds() // 60)
            expected[(ticket.service_date, ticket.area_id, "wait_minutes", str(minutes))] += 1
    for interview in Interview.objects.filter(centre=centre):
        for theme in interview.themes.all():
            expected[(interview.ticket.service_date, interview.area_id, "theme", str(theme.pk))] += 1
        if interview.satisfaction:
            expected[(interview.ticket.service_date, interview.area_id, "satisfaction", "4")] += 1
    checked = {"visits", "age_band", "status", "wait_minutes", "theme", "satisfaction"}
    kept = Counter({key: value for key, value in incremental.items() if key[2] in checked})
    assert kept == expected
    assert {key[0] for key in incremental} == days
    # And the figures read like the activity: 2 days x 7 visits, 2 x 3 interviews, 2 no-shows, 2 x 2 left.
    figures = totals(centre=centre, start=min(days), end=max(days))
    assert (figures.visits, figures.count("interviews")) == (14, 6)
    assert (figures.keys("status")["no_show"], figures.keys("status")["left"]) == (2, 4)
    assert figures.keys("theme")[str(cv.pk)] == 6 and figures.keys("theme")[str(funding.pk)] == 2
    assert figures.satisfaction() == 4
    assert figures.no_show_rate() == round(100 * 2 / 8, 1)


def test_a_correction_of_an_interview_is_reflected(centre):
    _a, _b, cv, funding = _activity(centre)
    services.refresh_changed_everywhere()
    interview = Interview.objects.filter(centre=centre).order_by("pk").first()
    interviews.interview_record(
        ticket=interview.ticket, data={"themes": [funding], "orientations": ["none"]}, actor=interview.adviser
    )
    services.refresh_changed_everywhere()
    day = interview.ticket.service_date
    figures = totals(centre=centre, start=day, end=day)
    assert figures.keys("theme")[str(cv.pk)] == 2 and figures.keys("theme")[str(funding.pk)] == 1


def test_reading_the_figures_refreshes_the_changed_days_first(centre):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=MONDAY)
    day = ticketing.service_date(centre, MONDAY)
    assert totals(centre=centre, start=day, end=day).visits == 1


def test_another_cites_activity_never_counts(centre, other_centre):
    _activity(other_centre)
    day = ticketing.service_date(centre, MONDAY)
    assert totals(centre=centre, start=day, end=day + timedelta(days=1)).visits == 0


@pytest.mark.parametrize(
    ("histogram", "q", "expected"),
    [
        ({"5": 1, "10": 1, "20": 1}, 0.5, 10),
        ({"5": 9, "60": 1}, 0.9, 5),
        ({"5": 8, "60": 2}, 0.9, 60),
        ({}, 0.5, None),
    ],
)
def test_percentiles_from_minute_histograms(histogram, q, expected):
    assert percentile(histogram, q) == expected


def test_rebuild_covers_days_without_activity_and_keeps_nothing_stale(centre):
    DailyCount.objects.create(centre=centre, day=date(2020, 1, 1), metric="visits", value=99)
    services.rebuild(centre=centre)
    assert not DailyCount.objects.filter(centre=centre).exists()


def test_the_command_refreshes_and_rebuilds(centre):
    from io import StringIO

    from django.core.management import call_command

    _activity(centre)
    out = StringIO()
    call_command("refresh_indicators", stdout=out)
    assert "Days computed: 2" in out.getvalue()
    before = _snapshot(centre)
    call_command("refresh_indicators", "--rebuild", "--centre", centre.slug, stdout=StringIO())
    assert _snapshot(centre) == before and before


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 9, 15), date(2026, 11, 30)),  # a partial month, then whole ones
        (date(2026, 10, 1), date(2026, 11, 24)),  # a whole month, then a partial one
        (date(2026, 11, 2), date(2026, 11, 27)),  # inside one month
        (date(2026, 1, 1), date(2026, 12, 31)),  # whole months only
    ],
)
def test_monthly_sums_give_the_same_totals_as_the_days(centre, start, end):
    from citemetiers.indicators.imports import history_import

    _activity(centre)
    history_import(
        centre=centre,
        name="h.csv",
        content=b"month,visits\n2026-09,40\n2026-10,55\n",
        actor=MembershipFactory(centre=centre, coordinator=True).user,
    )
    services.refresh_changed_everywhere()
    direct = Counter()
    for row in DailyCount.objects.filter(centre=centre, day__gte=start, day__lte=end):
        direct[(row.metric, row.key)] += row.value
    figures = totals(centre=centre, start=start, end=end)
    read = Counter({(metric, key): value for metric, keys in figures.by_metric.items() for key, value in keys.items()})
    assert read == direct and direct


def test_the_arrivals_heatmap_counts_each_visit_on_its_local_weekday_and_hour(centre):
    from citemetiers.indicators.selectors import arrivals_heatmap

    _activity(centre)  # Monday and Tuesday: 7 arrivals each, from 10:00 to 10:50 in Paris
    late = datetime(2026, 11, 26, 15, 40, tzinfo=UTC)  # Thursday, 16:40 in Paris
    ticketing.visit_check_in(centre=centre, areas=[], profile={}, outcome="self_service", actor=None, now=late)
    expected = Counter()
    for visit in Visit.objects.for_centre(centre):
        local = visit.arrived_at.astimezone(ZoneInfo(centre.time_zone))
        expected[(local.weekday(), local.hour)] += 1
    cells = arrivals_heatmap(centre=centre, start=date(2026, 11, 23), end=date(2026, 11, 29))
    assert cells == dict(expected) == {(0, 10): 7, (1, 10): 7, (3, 16): 1}
    a = AdviceArea.objects.for_centre(centre).get(code="A")
    in_a = arrivals_heatmap(centre=centre, start=date(2026, 11, 23), end=date(2026, 11, 29), area=a)
    assert in_a == {(0, 10): 3, (1, 10): 3}


def test_monthly_totals_are_the_monthly_counts_summed_over_the_areas_and_an_area_reads_its_own(centre):
    from citemetiers.indicators.models import MonthlyCount, MonthlyTotal

    a, _b, _cv, _funding = _activity(centre)
    services.refresh_changed_everywhere()
    over_areas = Counter()
    for row in MonthlyCount.objects.filter(centre=centre):
        over_areas[(row.month, row.metric, row.key)] += row.value
    kept = Counter({(r.month, r.metric, r.key): r.value for r in MonthlyTotal.objects.filter(centre=centre)})
    assert kept == over_areas and kept[(date(2026, 11, 1), "visits", "")] == 14
    services.rebuild(centre=centre)
    assert Counter({(r.month, r.metric, r.key): r.value for r in MonthlyTotal.objects.filter(centre=centre)}) == kept
    in_a = totals(centre=centre, start=date(2026, 11, 1), end=date(2026, 11, 30), area=a)
    daily_in_a = DailyCount.objects.filter(centre=centre, area=a, metric="visits").values_list("value", flat=True)
    assert in_a.visits == sum(daily_in_a)
    assert 0 < in_a.visits < kept[(date(2026, 11, 1), "visits", "")]


@pytest.mark.django_db
def test_a_roll_up_of_some_months_writes_those_months_only(centre):
    """The months between those asked for are read in the same range, never written."""
    from citemetiers.indicators.models import MonthlyCount, MonthlyTotal

    area = AdviceArea.objects.for_centre(centre).get(code="A")
    for day, value in [(date(2020, 1, 9), 2), (date(2020, 3, 9), 5), (date(2020, 6, 9), 7)]:
        DailyCount.objects.create(centre=centre, day=day, area=area, metric="visits", key="", value=value)
    services.months_rollup(centre=centre, months=[date(2020, 1, 1), date(2020, 6, 1)])
    written = dict(MonthlyTotal.objects.filter(centre=centre, metric="visits").values_list("month", "value"))
    assert written == {date(2020, 1, 1): 2, date(2020, 6, 1): 7}
    assert not MonthlyCount.objects.filter(centre=centre, month=date(2020, 3, 1)).exists()
