"""Publishing a roster and removing a shift ask first, on a page that says what will happen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.rosters.models import ProposalStatus, Shift
from tests.factories import ProposalFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def url(name, centre, **kwargs):
    return reverse(f"rosters:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


@pytest.fixture
def planner(client_as):
    return client_as(Role.LOGISTICS)


def test_removing_a_shift_asks_first_and_names_the_shift(planner, centre):
    shift = ShiftFactory(centre=centre)
    page = planner.get(url("shift_remove", centre, shift_pk=shift.pk)).content.decode()
    assert shift.desk.name in page and 'name="confirm"' in page
    planner.post(url("shift_change", centre, shift_pk=shift.pk), {"action": "remove"})
    planner.post(url("shift_remove", centre, shift_pk=shift.pk))
    assert Shift.objects.filter(pk=shift.pk).exists()
    planner.post(url("shift_remove", centre, shift_pk=shift.pk), {"confirm": "1"})
    assert not Shift.objects.filter(pk=shift.pk).exists()


def test_the_roster_links_to_the_removal_confirmation(planner, centre):
    centre.opening_hours = {str(day): [["09:00", "17:00"]] for day in range(7)}
    centre.save()
    shift = ShiftFactory(centre=centre, area=centre.advice_areas.get(code="A"))
    page = planner.get(url("roster", centre) + f"?date={shift.date.isoformat()}").content.decode()
    assert url("shift_remove", centre, shift_pk=shift.pk) in page
    assert 'name="action" value="remove"' not in page


def test_publishing_a_roster_asks_first_and_counts_what_changes(planner, centre):
    proposal = ProposalFactory(centre=centre)
    removed = ShiftFactory(centre=centre, date=proposal.starts_on)
    page = planner.get(url("proposal_publish", centre, proposal_pk=proposal.pk)).content.decode()
    assert 'name="confirm"' in page and "1 permanence retirée" in page
    planner.post(url("proposal", centre, proposal_pk=proposal.pk))
    planner.post(url("proposal_publish", centre, proposal_pk=proposal.pk))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DONE and Shift.objects.filter(pk=removed.pk).exists()
    response = planner.post(url("proposal_publish", centre, proposal_pk=proposal.pk), {"confirm": "1"})
    proposal.refresh_from_db()
    assert response.status_code == 302 and proposal.status == ProposalStatus.PUBLISHED


def test_the_proposal_page_links_to_the_publication_confirmation(planner, centre):
    proposal = ProposalFactory(centre=centre)
    page = planner.get(url("proposal", centre, proposal_pk=proposal.pk)).content.decode()
    assert url("proposal_publish", centre, proposal_pk=proposal.pk) in page


def test_another_cites_shift_and_proposal_answer_404(planner, other_centre, centre):
    shift = ShiftFactory(centre=other_centre)
    proposal = ProposalFactory(centre=other_centre)
    assert planner.get(url("shift_remove", centre, shift_pk=shift.pk)).status_code == 404
    assert planner.post(url("proposal_publish", centre, proposal_pk=proposal.pk), {"confirm": "1"}).status_code == 404


@pytest.fixture
def long_proposal(centre):
    # 51 shifts to add: more than one page of changes. Unknown ids are labelled by their number.
    shifts = [
        {"membership": 9000 + n, "area": 1, "desk": 1, "date": (timezone.localdate() + timedelta(days=7)).isoformat()}
        | {"slot": "am"}
        for n in range(51)
    ]
    return ProposalFactory(
        centre=centre,
        result={"shifts": shifts, "unmet": [], "coverage": 1.0, "greedy_coverage": 1.0, "gap": 0.0, "seconds": 0.1},
    )


def test_the_proposals_changes_are_paginated_page_two_shows_the_rest(planner, centre, long_proposal):
    first = planner.get(url("proposal", centre, proposal_pk=long_proposal.pk)).content.decode()
    second = planner.get(url("proposal", centre, proposal_pk=long_proposal.pk), {"page": 2}).content.decode()
    assert first.count('<tr class="added">') == 50 and second.count('<tr class="added">') == 1
    assert 'href="?page=2" aria-current="page"' in second


@pytest.mark.parametrize("number", ["999", "abc", "-3"])
def test_a_bad_page_of_changes_answers_a_page_never_an_error(planner, centre, long_proposal, number):
    response = planner.get(url("proposal", centre, proposal_pk=long_proposal.pk), {"page": number})
    assert response.status_code == 200 and b'<tr class="added">' in response.content


def test_publish_is_at_the_top_of_the_proposal_sticky_and_its_sections_fold(planner, centre, long_proposal):
    page = planner.get(url("proposal", centre, proposal_pk=long_proposal.pk)).content.decode()
    sticky = page.index('class="actions sticky-actions"')
    assert url("proposal_publish", centre, proposal_pk=long_proposal.pk) in page[sticky : sticky + 400]
    assert sticky < page.index("<caption")
    assert page.count('<details class="section" open>') == 2


def test_a_page_of_changes_costs_a_bounded_number_of_queries(
    planner, centre, long_proposal, django_assert_max_num_queries
):
    planner.get(url("proposal", centre, proposal_pk=long_proposal.pk))
    with django_assert_max_num_queries(14):
        planner.get(url("proposal", centre, proposal_pk=long_proposal.pk), {"page": 2})
