"""Recurring workshops: one session per date of the rule, closures and holidays skipped, each its own."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from citemetiers.core.errors import DomainError
from citemetiers.events import services
from citemetiers.events.models import Session, SessionStatus
from tests.events.factories import EventTypeFactory
from tests.factories import CentreFactory, ClosureFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def _template(centre, rule, **changes):
    return services.template_create(
        centre=centre,
        data={
            "event_type": EventTypeFactory(centre=centre),
            "title": "CV workshop",
            "capacity": 8,
            "rrule": rule,
            "first_start": datetime(2027, 1, 5, 14, 0, tzinfo=PARIS),
            "duration": 90,
        }
        | changes,
        actor=None,
    )


def test_sessions_skip_the_cites_closures():
    centre = CentreFactory()
    ClosureFactory(centre=centre, starts_on=date(2027, 1, 12))
    template = _template(centre, "FREQ=WEEKLY;BYDAY=TU;COUNT=4")
    days = [session.starts_at.astimezone(PARIS).date() for session in Session.objects.filter(template=template)]
    assert days == [date(2027, 1, 5), date(2027, 1, 19), date(2027, 1, 26)]


def test_sessions_skip_public_holidays():
    centre = CentreFactory()
    # 2026-12-25 (Christmas) and 2027-01-01 (New Year's Day) are Fridays and public holidays.
    template = services.template_create(
        centre=centre,
        data={
            "event_type": EventTypeFactory(centre=centre),
            "title": "Job dating",
            "capacity": 20,
            "rrule": "FREQ=WEEKLY;BYDAY=FR;COUNT=3",
            "first_start": datetime(2026, 12, 18, 10, 0, tzinfo=PARIS),
            "duration": 60,
        },
        actor=None,
    )
    days = [session.starts_at.astimezone(PARIS).date() for session in Session.objects.filter(template=template)]
    assert days == [date(2026, 12, 18)]


def test_a_rule_without_an_end_is_refused():
    with pytest.raises(DomainError):
        _template(CentreFactory(), "FREQ=WEEKLY;BYDAY=TU")


def test_one_session_of_a_series_is_cancelled_alone():
    template = _template(CentreFactory(), "FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    first, *_others = Session.objects.filter(template=template)
    services.session_cancel(session=first, actor=None)
    assert [session.status for session in Session.objects.filter(template=template)] == [
        SessionStatus.CANCELLED,
        SessionStatus.SCHEDULED,
        SessionStatus.SCHEDULED,
    ]


@pytest.mark.parametrize("changes", [{"duration": 0}, {"first_start": datetime(9999, 12, 31, 23, 0, tzinfo=PARIS)}])
def test_a_workshop_of_no_length_or_in_year_9999_is_refused_with_a_message(changes):
    # Review finding: duration 0 made sessions ending as they start; year 9999 overflowed (a 500).
    with pytest.raises(DomainError):
        _template(CentreFactory(), "FREQ=DAILY;COUNT=2", **changes)
    assert not Session.objects.exists()
