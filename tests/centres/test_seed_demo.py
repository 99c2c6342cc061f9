import re
from datetime import date, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Centre, Membership, Organisation, Partnership
from citemetiers.core.models import AuditEntry
from citemetiers.indicators.models import DailyCount
from citemetiers.indicators.selectors import totals
from citemetiers.reception.models import AdviceArea, Visit

pytestmark = pytest.mark.django_db

MODELS = [Centre, get_user_model(), Membership, Organisation, Partnership, AdviceArea, AuditEntry]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_is_idempotent():
    call_command("seed_demo", "--months", "0", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", "--months", "0", stdout=StringIO())
    assert _counts() == first
    assert first["Centre"] > 0


def test_demo_network_spans_four_cites_in_three_countries():
    call_command("seed_demo", "--months", "0", stdout=StringIO())
    assert Centre.objects.count() >= 4
    assert Centre.objects.values("country").distinct().count() >= 3
    for centre in Centre.objects.all():
        assert AdviceArea.objects.for_centre(centre).count() == 6
        # In force today and for a year to come, whenever the demo is seeded.
        assert Partnership.objects.for_centre(centre).current().exists()
        assert Partnership.objects.for_centre(centre).current(on=timezone.localdate() + timedelta(days=365)).exists()


def test_every_role_of_every_cite_has_a_demo_login_and_a_network_coordinator_exists():
    call_command("seed_demo", "--months", "0", stdout=StringIO())
    for centre in Centre.objects.all():
        for role in Role:
            assert Membership.objects.for_centre(centre).with_role(role).exists(), (centre, role)
    coordinators = [
        user for user in get_user_model().objects.all() if NetworkRole.NETWORK_COORDINATOR in user.network_roles
    ]
    assert coordinators


def test_every_printed_login_opens_with_the_printed_password_and_covers_every_role():
    out = StringIO()
    call_command("seed_demo", "--months", "0", stdout=out)
    printed = out.getvalue()
    password = re.search(r"password for all: (\S+)\)", printed).group(1)
    emails = re.findall(r"^\s+(\S+@\S+)", printed, re.MULTILINE)
    assert len(emails) == len(set(emails))
    request = RequestFactory().post(reverse("accounts:login"), REMOTE_ADDR="192.0.2.1")
    for email in emails:
        assert authenticate(request, username=email, password=password) is not None, email
    printed_users = get_user_model().objects.filter(email__in=emails)
    covered = {
        (membership.centre.slug, role)
        for membership in Membership.objects.active().filter(user__in=printed_users).select_related("centre")
        for role in membership.roles
    }
    assert covered == {(slug, role) for slug in Centre.objects.values_list("slug", flat=True) for role in Role}
    assert any(NetworkRole.NETWORK_COORDINATOR in user.network_roles for user in printed_users)


def test_if_empty_leaves_an_existing_database_alone():
    Centre.objects.create(name="Existing", slug="existing", country="FR", city="Lille", languages=["fr"])
    call_command("seed_demo", "--if-empty", "--months", "0", stdout=StringIO())
    assert list(Centre.objects.values_list("slug", flat=True)) == ["existing"]


def test_the_demo_history_spans_the_months_asked_and_feeds_the_indicators():
    call_command("seed_demo", "--months", "2", stdout=StringIO())
    paris = Centre.objects.get(slug="paris")
    oldest = Visit.objects.filter(centre=paris).earliest("arrived_at").arrived_at
    assert timezone.now() - oldest > timedelta(days=55)
    # Opening days only: nobody came on a Sunday (today's live queues aside).
    past = Visit.objects.filter(centre=paris, arrived_at__lt=timezone.now() - timedelta(days=1))
    assert past.exists() and not past.filter(arrived_at__week_day=1).exists()
    assert DailyCount.objects.filter(centre=paris).exists()
    month = totals(centre=paris, start=timezone.localdate() - timedelta(days=30), end=timezone.localdate())
    assert month.visits > 20 * 30 and month.count("interviews") > 0 and month.satisfaction()


def test_the_demo_library_holds_a_few_dozen_evaluated_resources_in_three_languages_or_more():
    from citemetiers.library.models import Evaluation, Resource, ResourceTranslation
    from citemetiers.library.search import SearchQuery, search

    call_command("seed_demo", "--months", "0", stdout=StringIO())
    assert Resource.objects.count() >= 24
    assert Resource.objects.values("centre").distinct().count() == Centre.objects.count()
    assert ResourceTranslation.objects.values("language").distinct().count() >= 3
    assert Evaluation.objects.exclude(centre=models.F("resource__centre")).count() == Evaluation.objects.count() > 0
    # Indexed as they were made: a search finds them.
    paris = Centre.objects.get(slug="paris")
    assert search(SearchQuery(text="boulanger"), centre=paris, language="fr").total >= 2


def test_every_demo_cite_has_desks_availability_and_a_roster_for_this_month_and_the_next():
    from citemetiers.rosters.models import Availability, Desk, Shift

    call_command("seed_demo", "--months", "0", stdout=StringIO())
    today = timezone.localdate()
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    for centre in Centre.objects.all():
        assert Desk.objects.for_centre(centre).count() >= 3
        assert Availability.objects.for_centre(centre).exists()
        shifts = Shift.objects.for_centre(centre)
        assert shifts.filter(date__gte=today, date__lt=next_month).exists(), centre
        assert shifts.filter(date__gte=next_month).exists(), centre


def test_no_adviser_starts_the_demo_with_a_call_left_half_made():
    from citemetiers.reception.models import Ticket, TicketStatus

    call_command("seed_demo", "--months", "0", stdout=StringIO())
    assert not Ticket.objects.filter(status__in=[TicketStatus.CALLED, TicketStatus.IN_SERVICE]).exists()
    assert Ticket.objects.filter(status=TicketStatus.WAITING).exists(), "today's queues still wait for a call"


def _opening_days_without_visits(centre, start, end):
    from citemetiers.centres.selectors import closed_days

    zone = ZoneInfo(centre.time_zone)
    seen = {
        moment.astimezone(zone).date()
        for moment in Visit.objects.filter(centre=centre).values_list("arrived_at", flat=True)
    }
    closed = closed_days(centre, start, end)
    open_weekdays = {int(day) for day, periods in centre.opening_hours.items() if periods}
    day, empty = start, []
    while day <= end:
        if day.weekday() in open_weekdays and day not in closed and day not in seen:
            empty.append(day)
        day += timedelta(days=1)
    return empty


def test_the_last_working_weeks_have_visits_every_opening_day():
    call_command("seed_demo", "--months", "0", stdout=StringIO())
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    for centre in Centre.objects.all():
        assert _opening_days_without_visits(centre, last_monday, today - timedelta(days=1)) == [], centre.slug


def test_the_history_has_visits_every_opening_day_and_none_on_a_public_holiday():
    from citemetiers.centres.selectors import public_holidays

    call_command("seed_demo", "--months", "3", stdout=StringIO())
    today = timezone.localdate()
    for centre in Centre.objects.all():
        zone = ZoneInfo(centre.time_zone)
        oldest = Visit.objects.filter(centre=centre).earliest("arrived_at").arrived_at.astimezone(zone).date()
        assert _opening_days_without_visits(centre, oldest, today - timedelta(days=1)) == [], centre.slug
        holidays = public_holidays(centre, oldest, today - timedelta(days=1))
        assert not Visit.objects.filter(centre=centre, arrived_at__date__in=list(holidays)).exists(), centre.slug


def test_the_generated_history_skips_christmas_and_new_years_day_and_fills_the_other_opening_days(centre):
    from citemetiers.reception.history import generate_history
    from tests.factories import WEEKDAY_HOURS, UserFactory

    Centre.objects.filter(pk=centre.pk).update(opening_hours=WEEKDAY_HOURS)
    centre.refresh_from_db()
    start, end = date(2026, 12, 21), date(2027, 1, 8)
    generate_history(centre=centre, start=start, end=end, visits_per_day=20, adviser=UserFactory(), seed="noel")
    days = {
        moment.astimezone(ZoneInfo(centre.time_zone)).date()
        for moment in Visit.objects.values_list("arrived_at", flat=True)
    }
    assert date(2026, 12, 25) not in days and date(2027, 1, 1) not in days
    assert _opening_days_without_visits(centre, start, end) == []


def test_the_news_on_each_cites_home_page_are_about_different_things():
    from citemetiers.core.models import Notification

    call_command("seed_demo", "--months", "0", stdout=StringIO())
    for centre in Centre.objects.all():
        coordinator = Membership.objects.for_centre(centre).with_role(Role.COORDINATOR).first()
        news = list(Notification.objects.for_member(coordinator)[:5])
        assert len(news) == 5, centre.slug
        assert len({note.url for note in news}) == 5, [note.message for note in news]
