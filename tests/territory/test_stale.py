"""Stale services: the "to update" list and the maintainers' reminders."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.schedule import REGISTRY
from citemetiers.territory import tasks
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def test_the_to_update_list_shows_the_stale_services_oldest_first(client_as, centre, other_centre):
    ServiceFactory(structure__centre=centre, name="Frais", updated_on=dt.date.today())
    ServiceFactory(
        structure__centre=centre, name="Vieux", updated_on=dt.date.today() - dt.timedelta(days=40),
        update_frequency_days=30,
    )  # fmt: skip
    ServiceFactory(structure__centre=centre, name="Très vieux", updated_on=dt.date.today() - dt.timedelta(days=400))
    ServiceFactory(structure__centre=other_centre, name="Ailleurs", updated_on=dt.date(2000, 1, 1))
    response = client_as(Role.PARTNERSHIPS).get(reverse("territory:to_update", kwargs={"centre_slug": centre.slug}))
    assert [service.name for service in response.context["services"]] == ["Très vieux", "Vieux"]


def test_a_maintainer_gets_one_email_listing_their_stale_services(member, centre):
    keeper = member(Role.PARTNERSHIPS).user
    ServiceFactory(structure__centre=centre, name="Vieux A", maintainer=keeper, updated_on=dt.date(2025, 1, 1))
    ServiceFactory(structure__centre=centre, name="Vieux B", maintainer=keeper, updated_on=dt.date(2025, 2, 1))
    ServiceFactory(structure__centre=centre, name="Frais", maintainer=keeper, updated_on=TODAY)
    assert tasks.stale_reminders_send(today=TODAY) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [keeper.email]
    assert "Vieux A" in mail.outbox[0].body and "Vieux B" in mail.outbox[0].body and "Frais" not in mail.outbox[0].body


def test_a_maintainer_is_reminded_again_only_a_week_later(member, centre):
    keeper = member(Role.COORDINATOR).user
    ServiceFactory(structure__centre=centre, maintainer=keeper, updated_on=dt.date(2025, 1, 1))
    assert tasks.stale_reminders_send(today=TODAY) == 1
    assert tasks.stale_reminders_send(today=TODAY + dt.timedelta(days=3)) == 0
    assert tasks.stale_reminders_send(today=TODAY + dt.timedelta(days=7)) == 1


def test_a_maintainer_no_longer_in_the_team_is_not_reminded(member, centre):
    membership = member(Role.PARTNERSHIPS)
    membership.is_active = False
    membership.save()
    ServiceFactory(structure__centre=centre, maintainer=membership.user, updated_on=dt.date(2025, 1, 1))
    assert tasks.stale_reminders_send(today=TODAY) == 0


def test_the_reminders_are_scheduled_daily():
    assert REGISTRY["citemetiers.territory.tasks.stale_service_reminders"].daily_at is not None
