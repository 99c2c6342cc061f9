import datetime

import pytest
from django.utils import timezone, translation

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.projects.models import Project, Scope
from citemetiers.school import contributions, services
from citemetiers.school.models import (
    ContributionStatus,
    EditionStatus,
    EditionTransition,
    ParticipantStatus,
    SeededProject,
)
from tests.factories import MembershipFactory
from tests.school.factories import ContributionFactory, EditionFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The refusals are read in English here; the catalogues carry their French.
    with translation.override("en"):
        yield


def test_opening_the_call_is_refused_with_everything_it_still_needs(organiser):
    edition = EditionFactory()
    with pytest.raises(services.IllegalTransition) as refusal:
        services.edition_transition(edition=edition, name="open_call", actor=organiser)
    message = refusal.value.message
    assert "opening and closing dates" in message and "track" in message and "criterion" in message
    edition.refresh_from_db()
    assert edition.status == EditionStatus.DRAFT


def test_a_prepared_draft_opens_its_call_and_logs_the_transition(organiser):
    edition = EditionFactory(prepared=True)
    services.edition_transition(edition=edition, name="open_call", actor=organiser)
    edition.refresh_from_db()
    assert edition.status == EditionStatus.CALL_OPEN
    assert EditionTransition.objects.filter(
        edition=edition, to_status=EditionStatus.CALL_OPEN, actor=organiser
    ).exists()


def test_a_transition_from_the_wrong_status_is_refused(organiser):
    edition = EditionFactory(prepared=True)
    with pytest.raises(services.IllegalTransition):
        services.edition_transition(edition=edition, name="archive", actor=organiser)


def test_publishing_the_programme_needs_every_decision_and_every_slot(organiser):
    edition = EditionFactory(open_call=True)
    ContributionFactory(edition=edition)
    ContributionFactory(edition=edition, accepted=True)
    with pytest.raises(services.IllegalTransition) as refusal:
        services.edition_transition(edition=edition, name="publish_programme", actor=organiser)
    assert "1 without one" in refusal.value.message and "slot" in refusal.value.message


def test_a_host_coordinator_co_organises_but_another_citys_does_not():
    edition = EditionFactory(prepared=True)
    host = MembershipFactory(centre=edition.host_centre, coordinator=True).user
    services.edition_transition(edition=edition, name="open_call", actor=host)
    other = MembershipFactory(coordinator=True).user
    with pytest.raises(NotPermitted):
        services.track_add(edition=edition, name="Another", actor=other)


def test_a_contribution_passes_the_personal_data_guard():
    edition = EditionFactory(open_call=True)
    author = MembershipFactory()
    with pytest.raises(DomainError) as refusal:
        contributions.contribution_submit(
            edition=edition,
            track=edition.tracks.get(),
            title="Our reception",
            abstract="Call the visitor back on 06 12 34 56 78 after the workshop.",
            format="talk",
            cite=author.centre,
            actor=author.user,
        )
    assert refusal.value.field == "abstract"
    assert not edition.contributions.exists()


def test_a_staff_member_submits_only_with_a_city_they_work_for():
    edition = EditionFactory(open_call=True)
    author, elsewhere = MembershipFactory(), MembershipFactory()
    with pytest.raises(NotPermitted):
        contributions.contribution_submit(
            edition=edition,
            track=edition.tracks.get(),
            title="Our reception",
            abstract="Waits halved.",
            format="talk",
            cite=elsewhere.centre,
            actor=author.user,
        )


def test_a_reviewer_never_reviews_a_contribution_of_their_own_city():
    contribution = ContributionFactory()
    colleague = MembershipFactory(centre=contribution.cite).user
    contribution.edition.reviewers.add(colleague)
    category = contribution.edition.score_categories.get()
    with pytest.raises(NotPermitted):
        contributions.review_record(contribution=contribution, actor=colleague, scores={category.pk: 4})
    assert not contribution.reviews.exists()


def test_a_named_reviewer_of_another_city_scores_every_criterion():
    contribution = ContributionFactory()
    reviewer = MembershipFactory().user
    contribution.edition.reviewers.add(reviewer)
    category = contribution.edition.score_categories.get()
    with pytest.raises(DomainError):
        contributions.review_record(contribution=contribution, actor=reviewer, scores={})
    review = contributions.review_record(contribution=contribution, actor=reviewer, scores={category.pk: 4})
    assert [s.score for s in review.scores.all()] == [4]


def test_someone_not_named_reviewer_cannot_review():
    contribution = ContributionFactory()
    with pytest.raises(NotPermitted):
        contributions.review_record(contribution=contribution, actor=MembershipFactory().user, abstained=True)


def test_the_committee_accepts_as_another_format_with_a_message(organiser):
    contribution = ContributionFactory(format="talk")
    contributions.contribution_decide(
        contribution=contribution, status="accepted", format="workshop", message="Welcome!", actor=organiser
    )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.format) == (ContributionStatus.ACCEPTED, "workshop")


def test_a_slot_lies_within_the_editions_days(organiser):
    contribution = ContributionFactory(accepted=True)
    with pytest.raises(DomainError) as refusal:
        services.slot_add(
            contribution=contribution,
            day=contribution.edition.ends_on + datetime.timedelta(days=1),
            starts_at=datetime.time(9),
            ends_at=datetime.time(10),
            room="A",
            actor=organiser,
        )
    assert refusal.value.field == "day"


def test_beyond_its_citys_quota_a_registration_waits():
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    first = MembershipFactory()
    second = MembershipFactory(centre=first.centre)
    services.participant_register(edition=edition, cite=first.centre, actor=first.user)
    participant = services.participant_register(edition=edition, cite=second.centre, actor=second.user)
    assert participant.status == ParticipantStatus.WAITING


def test_a_held_edition_seeds_a_network_project_led_by_a_city(organiser):
    slot = SlotFactory()
    edition = slot.edition
    edition.status = EditionStatus.HELD
    edition.save()
    lead = MembershipFactory(centre=slot.contribution.cite, roles=[Role.ADVISER])
    project = services.project_seed(
        edition=edition,
        title="Shared reception charter",
        purpose="Write it together",
        lead=lead.user,
        lead_cite=lead.centre,
        contribution=slot.contribution,
        actor=organiser,
    )
    assert Project.objects.get(pk=project.pk).scope == Scope.NETWORK
    assert SeededProject.objects.get(edition=edition).project_id == project.pk


def test_an_edition_not_yet_held_seeds_no_project(organiser):
    edition = EditionFactory(open_call=True)
    lead = MembershipFactory()
    with pytest.raises(DomainError):
        services.project_seed(
            edition=edition, title="Too early", purpose="", lead=lead.user, lead_cite=lead.centre, actor=organiser
        )
    assert not Project.objects.exists()


def test_marking_held_waits_for_the_first_day(organiser):
    edition = EditionFactory(
        status=EditionStatus.PROGRAMME_PUBLISHED, starts_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    with pytest.raises(services.IllegalTransition) as refusal:
        services.edition_transition(edition=edition, name="mark_held", actor=organiser)
    assert "first day" in refusal.value.message


def test_a_contribution_seeds_one_project_only_and_a_declined_one_none(organiser):
    # A double submit of "seed" made two network projects of one contribution (review finding).
    slot = SlotFactory()
    edition = slot.edition
    edition.status = EditionStatus.HELD
    edition.save()
    lead = MembershipFactory(centre=slot.contribution.cite, roles=[Role.ADVISER])
    seed = {
        "edition": edition,
        "title": "Charte",
        "purpose": "",
        "lead": lead.user,
        "lead_cite": lead.centre,
        "actor": organiser,
    }
    services.project_seed(contribution=slot.contribution, **seed)
    with pytest.raises(DomainError):
        services.project_seed(contribution=slot.contribution, **seed)
    declined = slot.contribution
    declined.pk = None
    declined.status = ContributionStatus.DECLINED
    declined.title = "Refusée"
    declined.save()
    with pytest.raises(DomainError):
        services.project_seed(contribution=declined, **seed)
    assert SeededProject.objects.filter(edition=edition).count() == 1
