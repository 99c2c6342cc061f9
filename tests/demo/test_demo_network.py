"""The demo network as `seed_demo --months 0` makes it, seeded once for the module."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import models, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Centre, Membership, Organisation, Partnership
from citemetiers.core.models import AuditEntry
from citemetiers.reception.models import AdviceArea
from citemetiers.referentials.services import occupations_load
from tests.demo.test_seed_demo import _opening_days_without_visits

pytestmark = pytest.mark.django_db

MODELS = [Centre, get_user_model(), Membership, Organisation, Partnership, AdviceArea, AuditEntry]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo network seeded once for the module's tests (each seeding takes seconds), in a
    transaction opened here and rolled back when the module is done; every test runs in its own
    savepoint inside it. Gives what the command printed. Tests that need an empty database or
    another --months live in test_seed_demo.py."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        occupations_load()  # the demo's resources and interviews are tagged with occupations
        out = StringIO()
        call_command("seed_demo", "--months", "0", stdout=out)
    yield out.getvalue()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def test_seed_demo_is_idempotent(demo):
    first = _counts()
    call_command("seed_demo", "--months", "0", stdout=StringIO())
    assert _counts() == first
    assert first["Centre"] > 0


def test_demo_network_spans_four_cites_in_three_countries(demo):
    assert Centre.objects.count() >= 4
    assert Centre.objects.values("country").distinct().count() >= 3
    for centre in Centre.objects.all():
        assert AdviceArea.objects.for_centre(centre).count() == 6
        # In force today and for a year to come, whenever the demo is seeded.
        assert Partnership.objects.for_centre(centre).current().exists()
        assert Partnership.objects.for_centre(centre).current(on=timezone.localdate() + timedelta(days=365)).exists()


def test_every_role_of_every_cite_has_a_demo_login_and_a_network_coordinator_exists(demo):
    for centre in Centre.objects.all():
        for role in Role:
            assert Membership.objects.for_centre(centre).with_role(role).exists(), (centre, role)
    coordinators = [
        user for user in get_user_model().objects.all() if NetworkRole.NETWORK_COORDINATOR in user.network_roles
    ]
    assert coordinators


def test_every_printed_login_opens_with_the_printed_password_and_covers_every_role(demo):
    printed = demo
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


def test_the_demo_library_holds_a_few_dozen_evaluated_resources_in_three_languages_or_more(demo):
    from citemetiers.library.models import Evaluation, Resource, ResourceTranslation
    from citemetiers.library.search import SearchQuery, search

    assert Resource.objects.count() >= 24
    assert Resource.objects.values("centre").distinct().count() == Centre.objects.count()
    assert ResourceTranslation.objects.values("language").distinct().count() >= 3
    assert Evaluation.objects.exclude(centre=models.F("resource__centre")).count() == Evaluation.objects.count() > 0
    # Indexed as they were made: a search finds them.
    paris = Centre.objects.get(slug="paris")
    assert search(SearchQuery(text="boulanger"), centre=paris, language="fr").total >= 2


def test_every_demo_cite_has_desks_availability_and_a_roster_for_this_month_and_the_next(demo):
    from citemetiers.rosters.models import Availability, Desk, Shift

    today = timezone.localdate()
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    for centre in Centre.objects.all():
        assert Desk.objects.for_centre(centre).count() >= 3
        assert Availability.objects.for_centre(centre).exists()
        shifts = Shift.objects.for_centre(centre)
        assert shifts.filter(date__gte=today, date__lt=next_month).exists(), centre
        assert shifts.filter(date__gte=next_month).exists(), centre


def test_no_adviser_starts_the_demo_with_a_call_left_half_made(demo):
    from citemetiers.reception.models import Ticket, TicketStatus

    assert not Ticket.objects.filter(status__in=[TicketStatus.CALLED, TicketStatus.IN_SERVICE]).exists()
    assert Ticket.objects.filter(status=TicketStatus.WAITING).exists(), "today's queues still wait for a call"


def test_the_last_working_weeks_have_visits_every_opening_day(demo):
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    for centre in Centre.objects.all():
        assert _opening_days_without_visits(centre, last_monday, today - timedelta(days=1)) == [], centre.slug


def test_the_news_on_each_cites_home_page_are_about_different_things(demo):
    from citemetiers.core.models import Notification

    for centre in Centre.objects.all():
        coordinator = Membership.objects.for_centre(centre).with_role(Role.COORDINATOR).first()
        news = list(Notification.objects.for_member(coordinator)[:5])
        assert len(news) == 5, centre.slug
        assert len({note.url for note in news}) == 5, [note.message for note in news]


def test_demo_groups_two_per_cite_one_of_four_organisations_and_one_of_the_network(demo):
    from citemetiers.centres.tenancy import all_centres_maintenance
    from citemetiers.groups.models import GroupScope, WorkingGroup

    with all_centres_maintenance():
        local = WorkingGroup.objects.filter(scope=GroupScope.CENTRE)
        per_cite = {c: local.filter(centre=c).count() for c in Centre.objects.all()}
        widest = max(len({m.organisation_id for m in Membership.objects.filter(working_groups=g)}) for g in local)
        network_cites = {m.centre_id for m in Membership.objects.filter(working_groups__scope=GroupScope.NETWORK)}
    assert (set(per_cite.values()), widest >= 4, len(network_cites)) == ({2}, True, Centre.objects.count())


def test_demo_groups_hold_a_year_of_meetings_with_frozen_minutes_and_decisions(demo):
    from citemetiers.centres.tenancy import all_centres_maintenance
    from citemetiers.groups.models import Decision, Minutes, MinutesState, WorkingGroup

    with all_centres_maintenance():
        group = WorkingGroup.objects.filter(scope="network").get()
        held = group.meetings.filter(starts_at__lt=timezone.now()).count()
        frozen = Minutes.objects.filter(meeting__group=group, state=MinutesState.FROZEN).count()
        decisions = Decision.objects.filter(group=group).count()
    assert (held >= 12, frozen >= 11, decisions >= 4) == (True, True, True)
