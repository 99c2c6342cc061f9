"""Events in the daily aggregates: places, registrations, attendance, waiting list and no-shows of the
sessions of each day, kept up to date by the events' own writes, on the dashboard and compared across
the network with small cells suppressed."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import NetworkRole
from citemetiers.events import services as events
from citemetiers.indicators import services
from citemetiers.indicators.models import DirtyDay
from citemetiers.indicators.selectors import SMALL_CELL, network_comparison, totals
from citemetiers.reception.models import AdviceArea
from tests.events.factories import EventTypeFactory, SessionFactory
from tests.factories import CentreFactory, UserFactory
from tests.indicators.test_aggregates import _snapshot

pytestmark = pytest.mark.django_db


def held_session(centre, *, capacity=4, registered=4, waiting=0, attended=3, walk_ins=0, day=None):
    """A session of this morning (or of `day`) that began an hour ago, run through the events' services."""
    zone = ZoneInfo(centre.time_zone)
    start = timezone.now() - timedelta(hours=1) if day is None else datetime.combine(day, time(10, 0), tzinfo=zone)
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    session = SessionFactory(
        centre=centre,
        event_type=EventTypeFactory(centre=centre, advice_area=area),
        capacity=capacity,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
    )
    before = start - timedelta(days=1) if day is not None else None
    codes = [events.registration_create(session=session, actor=None, now=before) for _ in range(registered + waiting)]
    for registration in codes[:attended]:
        events.registration_check_in(session=session, code=registration.code, actor=None)
    if walk_ins:
        events.session_head_count(session=session, walk_ins=walk_ins, actor=None)
    return session


def local_day(centre, session):
    return timezone.localtime(session.starts_at, ZoneInfo(centre.time_zone)).date()


def test_a_sessions_figures_are_counted_on_its_day(centre):
    session = held_session(centre, capacity=4, registered=4, waiting=2, attended=3, walk_ins=2)
    day = local_day(centre, session)
    figures = totals(centre=centre, start=day, end=day)
    assert figures.count("event_sessions") == 1
    assert figures.count("event_places") == 4
    assert figures.count("event_registered") == 4
    assert figures.count("event_attended") == 3 + 2
    assert figures.count("event_waiting") == 2
    assert figures.count("event_no_shows") == 1
    assert figures.event_fill_rate() == 100.0
    assert figures.event_no_show_rate() == 25.0


def test_each_events_write_marks_the_sessions_day_for_the_refresh(centre):
    session = held_session(centre, registered=2, attended=0)
    day = local_day(centre, session)
    services.refresh_changed(centre=centre)
    registration = session.registrations.first()
    events.registration_check_in(session=session, code=registration.code, actor=None)
    assert DirtyDay.objects.filter(centre=centre, day=day).exists()
    assert totals(centre=centre, start=day, end=day).count("event_attended") == 1


def test_a_cancelled_session_counts_nothing(centre):
    session = held_session(centre, registered=2, attended=0)
    events.session_cancel(session=session, actor=None)
    day = local_day(centre, session)
    figures = totals(centre=centre, start=day, end=day)
    assert figures.count("event_sessions") == 0
    assert figures.count("event_registered") == 0


def test_the_rebuild_gives_the_events_figures_kept_up_to_date(centre):
    held_session(centre, registered=3, waiting=1, attended=2, walk_ins=1)
    held_session(centre, registered=2, attended=2, day=timezone.localdate() - timedelta(days=20))
    services.refresh_changed_everywhere()
    incremental = _snapshot(centre)
    assert any(metric == "event_attended" for _day, _area, metric, _key in incremental)
    services.rebuild(centre=centre)
    assert _snapshot(centre) == incremental


def test_the_dashboard_shows_the_events_key_figures(client_as, centre):
    held_session(centre, capacity=4, registered=4, waiting=1, attended=3, walk_ins=1)
    page = client_as("coordinator").get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}))
    figures = dict(page.context["key_figures"])
    assert figures["Participants aux événements"] == 4
    assert figures["Taux de remplissage des événements (%)"] == 100.0
    assert figures["Absents aux événements (%)"] == 25.0
    assert figures["En liste d'attente des événements"] == 1


def test_event_figures_of_fewer_than_five_registrations_never_leave_their_cite(centre, other_centre):
    held_session(centre, capacity=SMALL_CELL, registered=SMALL_CELL, attended=SMALL_CELL)
    held_session(other_centre, capacity=SMALL_CELL, registered=SMALL_CELL - 1, attended=1)
    today = timezone.localdate()
    by_code = {c.code: c for c in network_comparison(centre=centre, start=today, end=today)}
    assert by_code["event_fill_rate"].own == 100.0
    assert by_code["event_fill_rate"].by_centre[other_centre.pk] is None
    assert by_code["event_no_show_rate"].by_centre[other_centre.pk] is None
    assert by_code["event_attendance"].own == SMALL_CELL


def test_the_network_page_lists_the_events_indicators(client):
    centre = CentreFactory(with_areas=True)
    held_session(centre, capacity=6, registered=6, attended=6)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    page = client.get(reverse("network_indicators:network_comparison")).content.decode()
    assert "Taux de remplissage des événements (%)" in page
