"""Co-authors, reviewers per track and the waiting list's promotions at the network's school."""

import pytest
from django.utils import translation

from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.school import contributions, perms, selectors, services
from citemetiers.school.models import Participant, ParticipantStatus
from tests.factories import MembershipFactory
from tests.school.factories import ContributionFactory, EditionFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _reviewer(edition, organiser, **membership):
    reviewer = MembershipFactory(**membership).user
    services.reviewer_add(edition=edition, reviewer=reviewer, actor=organiser)
    return reviewer


# -- Co-authors ------------------------------------------------------------------------------


def test_a_co_author_of_another_city_excludes_their_city_from_reviewing(organiser):
    contribution = ContributionFactory()
    co_author = MembershipFactory()
    contributions.co_author_add(
        contribution=contribution, user=co_author.user, cite=co_author.centre, actor=contribution.author
    )
    colleague = _reviewer(contribution.edition, organiser, centre=co_author.centre)
    assert perms.has_conflict(colleague, contribution)
    assert contribution not in selectors.review_queue(colleague, contribution.edition)
    with pytest.raises(NotPermitted):
        contributions.review_record(contribution=contribution, actor=colleague, abstained=True)
    outsider = _reviewer(contribution.edition, organiser)
    assert contribution in selectors.review_queue(outsider, contribution.edition)


def test_a_co_author_works_for_the_city_they_sign_with():
    contribution = ContributionFactory()
    co_author = MembershipFactory()
    with pytest.raises(DomainError):
        contributions.co_author_add(
            contribution=contribution, user=co_author.user, cite=contribution.cite, actor=contribution.author
        )
    assert not contribution.co_authors.exists()


def test_only_the_author_names_co_authors_and_once_each():
    contribution = ContributionFactory()
    co_author = MembershipFactory()
    with pytest.raises(NotPermitted):
        contributions.co_author_add(
            contribution=contribution, user=co_author.user, cite=co_author.centre, actor=co_author.user
        )
    contributions.co_author_add(
        contribution=contribution, user=co_author.user, cite=co_author.centre, actor=contribution.author
    )
    with pytest.raises(DomainError):
        contributions.co_author_add(
            contribution=contribution, user=co_author.user, cite=co_author.centre, actor=contribution.author
        )
    assert contribution.co_authors.count() == 1


def test_a_co_author_sees_the_names_before_the_decision():
    contribution = ContributionFactory()
    co_author = MembershipFactory()
    contributions.co_author_add(
        contribution=contribution, user=co_author.user, cite=co_author.centre, actor=contribution.author
    )
    assert perms.can_see_authors(co_author.user, contribution)
    assert contribution in selectors.my_contributions(co_author.user)


# -- Reviewers per track ---------------------------------------------------------------------


def test_a_reviewer_assigned_to_a_track_sees_only_that_tracks_contributions(organiser):
    edition = EditionFactory(open_call=True)
    first, second = edition.tracks.get(), TrackFactory(edition=edition)
    mine = ContributionFactory(edition=edition, track=first)
    other = ContributionFactory(edition=edition, track=second)
    reviewer = MembershipFactory().user
    services.track_reviewer_add(track=first, reviewer=reviewer, actor=organiser)
    assert perms.is_reviewer(reviewer, edition)
    assert selectors.review_queue(reviewer, edition) == [mine]
    with pytest.raises(NotPermitted):
        contributions.review_record(contribution=other, actor=reviewer, abstained=True)
    # The anonymisation stays: the queue's reviewer still does not see the authors.
    assert not perms.can_see_authors(reviewer, mine)


def test_only_an_organiser_assigns_reviewers_to_tracks():
    edition = EditionFactory(open_call=True)
    someone = MembershipFactory().user
    with pytest.raises(NotPermitted):
        services.track_reviewer_add(track=edition.tracks.get(), reviewer=someone, actor=someone)
    assert not edition.tracks.get().reviewers.exists()


# -- Promotion from the waiting list ---------------------------------------------------------


def _registered(edition, centre, count):
    people = [MembershipFactory(centre=centre).user for _ in range(count)]
    return [services.participant_register(edition=edition, cite=centre, actor=p) for p in people]


def test_a_cancelled_place_promotes_the_first_waiting_of_the_same_city():
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    centre = MembershipFactory().centre
    first, second, third = _registered(edition, centre, 3)
    elsewhere = _registered(edition, MembershipFactory().centre, 1)[0]
    assert [second.status, third.status] == [ParticipantStatus.WAITING] * 2
    services.participant_cancel(participant=first, actor=first.user)
    statuses = dict(Participant.objects.filter(edition=edition).values_list("pk", "status"))
    assert statuses[first.pk] == ParticipantStatus.CANCELLED
    assert statuses[second.pk] == ParticipantStatus.REGISTERED
    assert statuses[third.pk] == ParticipantStatus.WAITING
    assert statuses[elsewhere.pk] == ParticipantStatus.REGISTERED


def test_a_cancelled_waiting_registration_promotes_nobody():
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    _first, second, third = _registered(edition, MembershipFactory().centre, 3)
    services.participant_cancel(participant=third, actor=third.user)
    second.refresh_from_db()
    assert second.status == ParticipantStatus.WAITING


def test_a_raised_quota_promotes_the_waiting_in_order(organiser):
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    people = _registered(edition, MembershipFactory().centre, 4)
    services.edition_quota_set(edition=edition, quota_per_cite=3, actor=organiser)
    statuses = [Participant.objects.get(pk=p.pk).status for p in people]
    assert statuses == [ParticipantStatus.REGISTERED] * 3 + [ParticipantStatus.WAITING]
    services.edition_quota_set(edition=edition, quota_per_cite=None, actor=organiser)
    assert not Participant.objects.filter(edition=edition, status=ParticipantStatus.WAITING).exists()


def test_a_lowered_quota_keeps_the_places_already_given(organiser):
    edition = EditionFactory(open_call=True, quota_per_cite=3)
    people = _registered(edition, MembershipFactory().centre, 3)
    services.edition_quota_set(edition=edition, quota_per_cite=1, actor=organiser)
    assert all(Participant.objects.get(pk=p.pk).status == ParticipantStatus.REGISTERED for p in people)


def test_someone_else_cannot_cancel_a_registration():
    edition = EditionFactory(open_call=True)
    participant = _registered(edition, MembershipFactory().centre, 1)[0]
    with pytest.raises(NotPermitted):
        services.participant_cancel(participant=participant, actor=MembershipFactory().user)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.REGISTERED


def test_a_cancelled_participant_registers_again_at_the_end_of_the_queue():
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    centre = MembershipFactory().centre
    first, _second = _registered(edition, centre, 2)
    services.participant_cancel(participant=first, actor=first.user)
    again = services.participant_register(edition=edition, cite=centre, actor=first.user)
    assert again.pk == first.pk and again.status == ParticipantStatus.WAITING
