"""An interview counts in the indicators by its themes and its orientation: both are required."""

import html

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError
from citemetiers.reception import interviews
from citemetiers.reception.models import Interview
from tests.factories import ThemeFactory, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_posting_an_empty_interview_shows_the_form_again_with_the_messages_and_saves_nothing(client_as, centre):
    adviser = client_as(Role.ADVISER)
    ThemeFactory(centre=centre)
    ticket = TicketFactory(centre=centre, done=True, adviser=adviser.membership.user)
    response = adviser.post(
        reverse("reception:interview", kwargs={"centre_slug": centre.slug, "ticket_pk": ticket.pk}),
        {"duration_minutes": 25},
    )
    assert response.status_code == 422
    page = html.unescape(response.content.decode())
    assert "Choisissez au moins un thème" in page
    assert "Choisissez l'orientation donnée" in page
    assert not Interview.objects.exists()


def test_an_interview_without_orientation_is_refused_by_the_service(centre):
    theme = ThemeFactory(centre=centre)
    ticket = TicketFactory(centre=centre, done=True)
    with pytest.raises(DomainError) as refused:
        interviews.interview_record(ticket=ticket, data={"themes": [theme]}, actor=UserFactory())
    assert refused.value.field == "orientations"
    assert not Interview.objects.exists()


def test_no_further_orientation_is_an_orientation(centre):
    theme = ThemeFactory(centre=centre)
    ticket = TicketFactory(centre=centre, done=True, adviser=UserFactory())
    interview = interviews.interview_record(
        ticket=ticket, data={"themes": [theme], "orientations": ["none"]}, actor=ticket.adviser
    )
    assert interview.orientations == ["none"]
