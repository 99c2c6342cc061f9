"""The visitor's ICS of their place, from the code's page: the session, its place, nothing about a person."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from citemetiers.events import services
from tests.events.factories import SessionFactory

pytestmark = pytest.mark.django_db


def test_the_code_page_offers_the_place_as_an_ics_with_the_session_and_the_code(client):
    session = SessionFactory(title="CV workshop", room="Salle 2")
    registration = services.registration_create(session=session, actor=None)
    page = client.get(reverse("events_public:code", kwargs={"code_secret": registration.secret}))
    url = reverse("events_public:code_ics", kwargs={"code_secret": registration.secret})
    response = client.get(url)
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert url in page.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert (str(event["summary"]), str(event["location"])) == ("CV workshop", "Salle 2")
    assert registration.code in str(event["description"])


def test_a_wrong_secret_has_no_calendar(client):
    response = client.get(reverse("events_public:code_ics", kwargs={"code_secret": "x" * 43}))
    assert response.status_code == 404


def test_a_waiting_or_cancelled_place_is_not_confirmed_in_the_calendar(client):
    session = SessionFactory(capacity=1)
    services.registration_create(session=session, actor=None)
    waiting = services.registration_create(session=session, actor=None)
    url = reverse("events_public:code_ics", kwargs={"code_secret": waiting.secret})
    (event,) = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(event["status"]) == "TENTATIVE"
    services.registration_cancel(registration=waiting, actor=None)
    (event,) = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
