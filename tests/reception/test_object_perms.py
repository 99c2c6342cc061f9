"""Inside a Cité: who may act on another adviser's visitor, and who may edit an interview."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.core.models import AuditEntry
from citemetiers.reception import interviews, ticketing
from citemetiers.reception.models import Interview, Orientation, Theme, TicketEvent, TicketStatus
from citemetiers.reception.perms import can_act_on_ticket, can_edit_interview
from tests.factories import InterviewFactory, MembershipFactory, ThemeFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_advisers(member):
    return member(Role.ADVISER), member(Role.ADVISER)


def test_another_adviser_taking_over_a_called_visitor_is_recorded_as_a_take_over(centre, two_advisers):
    caller, other = two_advisers
    ticket = TicketFactory(centre=centre, called=True, adviser=caller.user)
    assert can_act_on_ticket(other, ticket)
    ticketing.ticket_no_show(ticket=ticket, actor=other.user)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.adviser) == (TicketStatus.NO_SHOW, other.user)
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("transition", "actor")) == [
        ("take_over", other.user.pk),
        ("no_show", other.user.pk),
    ]
    entry = AuditEntry.objects.get(action="ticket.take_over")
    assert entry.changes["adviser"] == [str(caller.user), str(other.user)]


def test_another_adviser_cannot_act_on_a_visitor_already_in_an_interview(centre, two_advisers):
    caller, other = two_advisers
    ticket = TicketFactory(centre=centre, called=True, adviser=caller.user, status=TicketStatus.IN_SERVICE)
    assert not can_act_on_ticket(other, ticket)
    with pytest.raises(DomainError):
        ticketing.ticket_finish(ticket=ticket, actor=other.user)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.adviser) == (TicketStatus.IN_SERVICE, caller.user)


def test_a_reception_agent_cannot_take_over_a_called_visitor(centre, member):
    caller, agent = member(Role.ADVISER), member(Role.RECEPTION)
    ticket = TicketFactory(centre=centre, called=True, adviser=caller.user)
    assert not can_act_on_ticket(agent, ticket)
    with pytest.raises(DomainError):
        ticketing.ticket_no_show(ticket=ticket, actor=agent.user)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED


def test_only_the_interviews_adviser_and_coordinators_edit_it(centre, member):
    author, other, coordinator = member(Role.ADVISER), member(Role.ADVISER), member(Role.COORDINATOR)
    interview = InterviewFactory(ticket__centre=centre, adviser=author.user, notes="Piste : BTS")
    assert can_edit_interview(author, interview) and can_edit_interview(coordinator, interview)
    assert not can_edit_interview(other, interview)
    data = {"themes": [ThemeFactory(centre=centre)], "orientations": [Orientation.NONE], "notes": "Réécrit"}
    with pytest.raises(DomainError):
        interviews.interview_record(ticket=interview.ticket, data=data, actor=other.user)
    interviews.interview_record(ticket=interview.ticket, data=data, actor=coordinator.user)
    interview.refresh_from_db()
    assert (interview.notes, interview.adviser) == ("Réécrit", author.user)


def test_another_advisers_interview_form_refuses_the_change_with_a_message(client_as, centre, member):
    author = member(Role.ADVISER)
    interview = InterviewFactory(ticket__centre=centre, adviser=author.user, notes="Piste : BTS")
    theme = ThemeFactory(centre=centre)
    response = client_as(Role.ADVISER).post(
        reverse("reception:interview", kwargs={"centre_slug": centre.slug, "ticket_pk": interview.ticket.pk}),
        {"themes": [theme.pk], "orientations": ["none"], "duration_minutes": 20, "notes": "Réécrit"},
    )
    assert response.status_code == 422
    assert "Seul·e" in response.content.decode()
    assert Interview.objects.get().notes == "Piste : BTS"


def test_a_theme_service_refuses_a_member_who_does_not_keep_the_themes(centre, member):
    adviser = member(Role.ADVISER)
    theme = ThemeFactory(centre=centre, name="Alternance")
    with pytest.raises(NotPermitted):
        interviews.theme_create(centre=centre, data={"name": "Apprentissage"}, actor=adviser.user)
    with pytest.raises(NotPermitted):
        interviews.theme_update(theme=theme, data={"name": "Apprentissage"}, actor=adviser.user)
    theme.refresh_from_db()
    assert (theme.name, Theme.objects.for_centre(centre).count()) == ("Alternance", 1)


def test_a_theme_service_refuses_the_logistics_staff_of_another_cite(centre, other_centre):
    outsider = MembershipFactory(centre=other_centre, roles=[Role.LOGISTICS])
    with pytest.raises(NotPermitted):
        interviews.theme_create(centre=centre, data={"name": "Apprentissage"}, actor=outsider.user)
    assert not Theme.objects.for_centre(centre).exists()


def test_the_logistics_staff_of_the_cite_keep_its_themes(centre, member):
    logistics = member(Role.LOGISTICS)
    theme = interviews.theme_create(centre=centre, data={"name": "Apprentissage"}, actor=logistics.user)
    interviews.theme_update(theme=theme, data={"name": "Alternance"}, actor=logistics.user)
    theme.refresh_from_db()
    assert theme.name == "Alternance"
