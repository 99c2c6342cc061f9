"""Reception and the interview orient a visitor to a service: the visitor leaves with where and when."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from citemetiers.core.errors import DomainError
from citemetiers.reception import interviews
from citemetiers.reception.models import Orientation, Outcome
from citemetiers.reception.ticketing import visit_check_in
from tests.factories import CentreFactory, InterviewFactory, TicketFactory, UserFactory
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_visitor_page_shows_the_recommended_service_address_hours_and_how_to_access(client):
    service = ServiceFactory(
        name="Atelier CV du mardi",
        address="5 rue Oberkampf",
        opening_hours="Mo-Su 00:00-24:00",
        how_to_access="Sans rendez-vous, métro Parmentier.",
        website="https://ml.example/cv",
    )
    interview = InterviewFactory(ticket__centre=service.centre, orientations=[Orientation.PARTNER])
    interview.services.add(service)
    url = reverse("visitor:ticket", kwargs={"secret": interview.ticket.secret})
    page = html.unescape(client.get(url).content.decode())
    for shown in (
        "Atelier CV du mardi",
        "5 rue Oberkampf",
        "Mo-Su 00:00-24:00",
        "métro Parmentier",
        "https://ml.example/cv",
    ):
        assert shown in page
    assert "Ouvert en ce moment" in page  # "Open now": the visitor page is French by default


def test_the_interview_records_the_service_recommended():
    service = ServiceFactory()
    ticket = TicketFactory(centre=service.centre, done=True, adviser=UserFactory())
    interview = interviews.interview_record(
        ticket=ticket, data={"orientations": [Orientation.PARTNER], "services": [service]}, actor=ticket.adviser
    )
    assert list(interview.services.all()) == [service]


def test_the_interview_refuses_another_centres_service():
    ticket = TicketFactory(done=True, adviser=UserFactory())
    foreign = ServiceFactory(structure__centre=CentreFactory())
    with pytest.raises(DomainError):
        interviews.interview_record(
            ticket=ticket, data={"orientations": [Orientation.PARTNER], "services": [foreign]}, actor=ticket.adviser
        )


def test_reception_orients_a_visitor_to_a_service_of_the_centre():
    service = ServiceFactory()
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    visit, tickets = visit_check_in(
        centre=service.centre, areas=[], profile={}, actor=None, outcome=Outcome.PARTNER, service=service, now=now
    )
    assert tickets == [] and visit.outcome_service == service
