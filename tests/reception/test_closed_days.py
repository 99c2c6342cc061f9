"""No check-in on a public holiday or a closure of the Cité, at the reception desk or at the kiosk."""

import html
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea, Visit
from tests.factories import ClosureFactory, ReceptionSettingsFactory

pytestmark = pytest.mark.django_db
CHRISTMAS_MORNING = datetime.combine(date(2026, 12, 25), time(10), tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_check_in_is_refused_on_a_public_holiday_with_its_name(centre):
    area = AdviceArea.objects.for_centre(centre).first()
    with pytest.raises(DomainError, match="The Cité is closed today \\(Christmas Day\\)"):
        ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=CHRISTMAS_MORNING)
    assert not Visit.objects.exists()


def test_the_reception_desk_is_told_the_cite_is_closed_and_nothing_is_written(client_as, centre):
    ClosureFactory(centre=centre, starts_on=timezone.localdate(), reason="Inventaire annuel")
    reception = client_as(Role.RECEPTION)
    area = AdviceArea.objects.for_centre(centre).first()
    response = reception.post(
        reverse("reception:check_in", kwargs={"centre_slug": centre.slug}), {"outcome": "queue", "areas": [area.pk]}
    )
    assert response.status_code == 422
    assert "La Cité est fermée aujourd'hui (Inventaire annuel)" in html.unescape(response.content.decode())
    assert not Visit.objects.exists()


def test_the_kiosk_says_the_cite_is_closed_and_issues_no_ticket(client, centre):
    ClosureFactory(centre=centre, starts_on=timezone.localdate(), reason="Inventaire annuel")
    key = ReceptionSettingsFactory(centre=centre).kiosk_key
    area = AdviceArea.objects.for_centre(centre).first()
    response = client.post(reverse("kiosk:area", kwargs={"key": key, "area_pk": area.pk}), {"area": area.pk})
    assert response.status_code == 200
    assert "La Cité est fermée aujourd'hui (Inventaire annuel)" in html.unescape(response.content.decode())
    assert not Visit.objects.exists()
