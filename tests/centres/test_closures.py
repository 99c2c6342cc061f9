"""A Cité's calendar: the public holidays of its country and region, and the closures it declares."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from citemetiers.centres import services
from citemetiers.centres.models import Centre, Closure
from citemetiers.centres.selectors import centre_is_closed_on, closed_days, public_holidays
from citemetiers.core.errors import DomainError
from citemetiers.core.models import AuditEntry
from tests.factories import CentreFactory, ClosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _url(name, centre, **kwargs):
    return reverse(name, kwargs={"centre_slug": centre.slug, **kwargs})


def test_christmas_and_new_year_close_a_french_cite_and_an_ordinary_day_does_not(centre):
    assert centre_is_closed_on(centre, date(2026, 12, 25))
    assert centre_is_closed_on(centre, date(2027, 1, 1))
    assert not centre_is_closed_on(centre, date(2026, 12, 24))
    assert closed_days(centre, date(2026, 12, 24), date(2027, 1, 2)) == {
        date(2026, 12, 25): "Christmas Day",
        date(2027, 1, 1): "New Year's Day",
    }


def test_the_region_adds_its_own_holidays():
    moselle = CentreFactory(country="FR", subdivision="57")
    assert date(2026, 12, 26) in public_holidays(moselle, date(2026, 12, 1), date(2026, 12, 31))
    assert not centre_is_closed_on(CentreFactory(country="FR"), date(2026, 12, 26))


def test_a_country_the_holidays_package_does_not_know_has_no_holiday():
    assert closed_days(CentreFactory(country="ZZ"), date(2026, 12, 1), date(2026, 12, 31)) == {}


def test_a_closure_closes_each_of_its_days_with_its_reason(centre):
    ClosureFactory(centre=centre, starts_on=date(2026, 8, 3), ends_on=date(2026, 8, 5), reason="Travaux")
    ClosureFactory(centre=CentreFactory(), starts_on=date(2026, 8, 6), ends_on=date(2026, 8, 6))
    assert closed_days(centre, date(2026, 8, 1), date(2026, 8, 10)) == {
        date(2026, 8, 3): "Travaux",
        date(2026, 8, 4): "Travaux",
        date(2026, 8, 5): "Travaux",
    }


def test_dates_at_the_edges_of_the_calendar_answer_without_computing_every_year(centre):
    assert closed_days(centre, date(1, 1, 1), date(1, 1, 31)) == {}
    assert date(9999, 12, 25) not in closed_days(centre, date(9999, 12, 1), date(9999, 12, 31))


def test_the_profile_keeps_a_region_of_the_country_and_refuses_another(coordinator_client, centre):
    data = {"name": centre.name, "country": "FR", "city": "Metz", "main_language": "fr", "time_zone": "Europe/Paris"}
    refused = coordinator_client.post(_url("centres:profile", centre), {**data, "subdivision": "BY"})
    assert "Choisissez une région du pays de la Cité, ou aucune." in refused.content.decode()
    assert Centre.objects.get(pk=centre.pk).subdivision == ""
    assert coordinator_client.post(_url("centres:profile", centre), {**data, "subdivision": "57"}).status_code == 302
    assert Centre.objects.get(pk=centre.pk).subdivision == "57"


def test_the_service_refuses_a_region_of_another_country(centre):
    with pytest.raises(DomainError):
        services.centre_update_profile(centre=centre, data={"subdivision": "GE"}, actor=None)


def test_the_page_lists_the_coming_holidays_and_adds_then_removes_a_closure(coordinator_client, centre):
    page = coordinator_client.get(_url("centres:closures", centre)).content.decode()
    today = timezone.localdate()
    next_christmas = date(today.year if today < date(today.year, 12, 25) else today.year + 1, 12, 25)
    assert "Noël" in page and f"25 décembre {next_christmas.year}" in page  # in the reader's language
    day = today + timedelta(days=20)
    response = coordinator_client.post(
        _url("centres:closures", centre), {"starts_on": day.isoformat(), "reason": "Journée pédagogique"}
    )
    assert response.status_code == 302
    closure = Closure.objects.for_centre(centre).get()
    assert (closure.starts_on, closure.ends_on, closure.reason) == (day, day, "Journée pédagogique")
    assert "Journée pédagogique" in coordinator_client.get(_url("centres:closures", centre)).content.decode()
    coordinator_client.post(_url("centres:closure_remove", centre, closure_pk=closure.pk))
    assert not Closure.objects.exists()
    actions = AuditEntry.objects.filter(action__startswith="closure.").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "closure.create",
        "closure.delete",
    ]


def test_a_reason_with_personal_data_is_refused_and_nothing_is_written(coordinator_client, centre):
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = coordinator_client.post(
        _url("centres:closures", centre), {"starts_on": day, "reason": "Remplacer Mme Dupont 06 12 34 56 78"}
    )
    assert response.status_code == 422
    assert "<mark" in response.content.decode()
    assert not Closure.objects.exists()


def test_a_closure_ending_before_it_starts_is_refused(coordinator_client, centre):
    response = coordinator_client.post(
        _url("centres:closures", centre), {"starts_on": "2026-08-10", "ends_on": "2026-08-01", "reason": "Travaux"}
    )
    assert response.status_code == 422
    assert "La fermeture ne peut pas finir avant de commencer." in response.content.decode()
    assert not Closure.objects.exists()


def test_another_cites_closure_cannot_be_removed(coordinator_client, centre, other_centre):
    closure = ClosureFactory(centre=other_centre)
    response = coordinator_client.post(_url("centres:closure_remove", centre, closure_pk=closure.pk))
    assert response.status_code == 404
    assert Closure.objects.filter(pk=closure.pk).exists()
