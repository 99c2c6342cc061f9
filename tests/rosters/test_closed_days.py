"""Public holidays and closures in the rosters: no demand, no shift, shown as closed."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters import planner, planning, services
from citemetiers.rosters.forecast import demand_forecast
from citemetiers.rosters.selectors import calendar
from tests.factories import WEEKDAY_HOURS, CentreFactory, ClosureFactory, DeskFactory, MembershipFactory, TicketFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
# Friday 25 December 2026 and Friday 1 January 2027 are public holidays in France.
CHRISTMAS, NEW_YEAR = date(2026, 12, 25), date(2027, 1, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def cite(db):
    return CentreFactory(with_areas=True, opening_hours=WEEKDAY_HOURS)


def visits(centre, area, *, on: date, count: int, hour: int = 10):
    moment = datetime.combine(on, time(hour, 15), tzinfo=PARIS)
    for _ in range(count):
        TicketFactory(centre=centre, area=area, service_date=on, created_at=moment)


def busy_fridays(centre, area, today: date, count: int = 10):
    """Ten visitors every Friday morning of the weeks before `today`."""
    friday = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    for weeks in range(4):
        visits(centre, area, on=friday - timedelta(weeks=weeks), count=count)


def test_the_planner_puts_nobody_on_duty_on_christmas_or_new_years_day(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    today = date(2026, 12, 21)
    busy_fridays(cite, area, today)
    DeskFactory(centre=cite, capacity=3)
    fridays = [(4, "am"), (4, "pm")]
    for _ in range(2):
        member = MembershipFactory(centre=cite, roles=[Role.ADVISER])
        services.coverage_set(membership=member, areas=[area], actor=None)
        services.availability_set(membership=member, cells=fridays, valid_from=date(2020, 1, 1), actor=None)
    problem, _forecast, _cells = planning.build_problem(cite, today, date(2027, 1, 8), today=today)
    shifts = planner.solve(problem, time_limit=5).shifts
    assert {shift.day for shift in shifts} == {date(2027, 1, 8)}, "only the Friday that is not a holiday"
    assert not {CHRISTMAS, NEW_YEAR} & {day for day, _slot in problem.cells}


def test_a_holiday_in_the_history_is_not_a_normal_weekday_of_the_forecast(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    # Monday 6 April 2026 is Easter Monday: the few who came that day do not lower the Mondays' mean.
    visits(cite, area, on=date(2026, 3, 30), count=8)
    visits(cite, area, on=date(2026, 4, 6), count=2)
    visits(cite, area, on=date(2026, 4, 13), count=8)
    forecast = demand_forecast(cite, today=date(2026, 4, 19))
    assert forecast.visitors(area.pk, date(2026, 4, 20), "am") == 8.0


def test_the_forecast_expects_nobody_on_a_coming_holiday_or_closure(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    today = date(2026, 12, 21)
    busy_fridays(cite, area, today)
    ClosureFactory(centre=cite, starts_on=date(2027, 1, 15), ends_on=date(2027, 1, 15))
    forecast = demand_forecast(cite, today=today)
    assert forecast.visitors(area.pk, date(2027, 1, 8), "am") == 10.0
    assert forecast.visitors(area.pk, CHRISTMAS, "am") == 0
    assert forecast.visitors(area.pk, date(2027, 1, 15), "am") == 0


def test_the_roster_calendar_shows_a_holiday_as_closed_with_its_name(centre, client_as):
    Centre = type(centre)
    Centre.objects.filter(pk=centre.pk).update(opening_hours=WEEKDAY_HOURS)
    centre.refresh_from_db()
    grid, _areas = calendar(centre, date(2026, 12, 21), date(2026, 12, 27), today=date(2026, 12, 1))
    assert not grid[(CHRISTMAS, "am")].open
    assert grid[(CHRISTMAS, "am")].closed_reason == "Christmas Day"
    assert grid[(date(2026, 12, 24), "am")].open
    client = client_as(Role.LOGISTICS)
    page = client.get(reverse("rosters:roster", kwargs={"centre_slug": centre.slug}), {"date": "2026-12-21"})
    assert "fermé : Noël" in " ".join(page.content.decode().split())


def test_a_shift_or_an_extra_half_day_cannot_be_put_on_a_closure(cite):
    area = AdviceArea.objects.for_centre(cite).first()
    member = MembershipFactory(centre=cite, roles=[Role.ADVISER])
    closure = ClosureFactory(centre=cite, starts_on=date(2027, 2, 1), ends_on=date(2027, 2, 5))
    with pytest.raises(DomainError):
        services.shift_add(
            centre=cite,
            membership=member,
            area=area,
            desk=DeskFactory(centre=cite),
            day=closure.starts_on,
            slot="am",
            locked=True,
            actor=None,
        )
    with pytest.raises(DomainError):
        services.availability_add_one_off(membership=member, day=date(2027, 2, 3), slot="pm", actor=None)
