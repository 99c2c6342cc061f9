"""Each person's home is their day: the panels each app contributes (citemetiers/core/homes.py)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from tests.factories import (
    ActivityReportFactory,
    InterviewFactory,
    ProposalFactory,
    ResourceFactory,
    ShiftFactory,
    TicketFactory,
)

pytestmark = pytest.mark.django_db


def _home(client, centre):
    response = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_reception_sees_todays_queues_with_their_length(client_as, centre):
    area = centre.advice_areas.first()
    TicketFactory.create_batch(3, centre=centre, area=area)
    html = _home(client_as(Role.RECEPTION), centre)
    assert 'id="home-queues"' in html
    queues = html.split('id="home-queues"', 1)[1].split("</section>", 1)[0]
    assert re.search(rf"{re.escape(area.name)}\s*</th>\s*<td>3</td>", queues)


def test_an_adviser_sees_their_called_tickets_their_duty_and_recommended_resources(client_as, centre):
    client = client_as(Role.ADVISER)
    adviser = client.membership
    ticket = TicketFactory(centre=centre, called=True, adviser=adviser.user)
    theirs = TicketFactory(centre=centre, called=True)  # another adviser's
    ShiftFactory(centre=centre, membership=adviser, date=timezone.localdate())
    resource = ResourceFactory(centre=centre, title="Fiche métier boulanger")
    InterviewFactory(ticket=TicketFactory(centre=centre, done=True)).resources.add(resource)
    html = _home(client, centre)
    my_visitors = html.split('id="home-my-visitors"', 1)[1].split("</section>", 1)[0]
    assert ticket.label in my_visitors
    assert theirs.label not in my_visitors
    assert 'id="home-my-duties"' in html
    assert "Fiche métier boulanger" in html


def test_a_coordinator_sees_what_needs_a_decision(client_as, centre):
    proposal = ProposalFactory(centre=centre)
    report = ActivityReportFactory(centre=centre, done=True, finished_at=timezone.now())
    html = _home(client_as(Role.COORDINATOR), centre)
    assert reverse("rosters:proposal", kwargs={"centre_slug": centre.slug, "proposal_pk": proposal.pk}) in html
    assert reverse("indicators:report_download", kwargs={"centre_slug": centre.slug, "report_pk": report.pk}) in html


def test_a_panel_shows_only_to_the_roles_it_is_for(client_as, centre):
    html = _home(client_as(Role.RECEPTION), centre)
    assert 'id="home-proposals"' not in html
    assert 'id="home-my-visitors"' not in html


def test_another_cites_proposals_are_not_on_the_home(client_as, centre, other_centre):
    theirs = ProposalFactory(centre=other_centre)
    html = _home(client_as(Role.COORDINATOR), centre)
    assert f"/planner/{theirs.pk}/" not in html


# The query count of each role's home, with a little of everything to show, pinned so that a panel
# reading per row (one query per ticket, per shift, per report) fails here. The reception's is the
# highest: reception.selectors.queues() reads the recent service times of each open area (the
# CentreFactory's six) for its estimated wait, as the reception console does.
# + 2 for every role: the tasks due soon panel (projects/homes.py) reads the person's memberships and
# their open tasks in each Cité (one here).
# +1 for those who register visitors to events: today's workshops with their counts (one query).
HOME_QUERIES = {
    Role.RECEPTION: 29,
    Role.ADVISER: 19,
    Role.LOGISTICS: 13,
    Role.PARTNERSHIPS: 12,
    Role.COORDINATOR: 17,
}


@pytest.mark.parametrize("role", list(Role))
def test_the_query_count_of_each_home_is_pinned(client_as, centre, role, django_assert_max_num_queries):
    client = client_as(role)
    for area in centre.advice_areas.all()[:3]:
        TicketFactory.create_batch(2, centre=centre, area=area)
        TicketFactory(centre=centre, area=area, called=True, adviser=client.membership.user)
    for day in range(3):
        ShiftFactory(centre=centre, membership=client.membership, date=timezone.localdate() + timedelta(days=day))
    ProposalFactory.create_batch(2, centre=centre)
    ActivityReportFactory.create_batch(2, centre=centre, done=True, finished_at=timezone.now())
    for title in ("Fiche A", "Fiche B", "Fiche C"):
        InterviewFactory(ticket=TicketFactory(centre=centre, done=True)).resources.add(
            ResourceFactory(centre=centre, title=title)
        )
    with django_assert_max_num_queries(HOME_QUERIES[role]):
        _home(client, centre)
