"""Who reads a dossier besides the network's coordinators and the candidate: its assigned evaluators
(and its evidence), and the coordinators of its mentor Cités (its dossier, evidence and mentoring
log, where they log sessions too). Anyone else gets a 404: the dossier does not exist for them."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.labelling.models import MentoringSession, RequirementStatus
from tests.factories import MembershipFactory, UserFactory
from tests.labelling.factories import (
    EvaluationFactory,
    LabelApplicationFactory,
    MentoringFactory,
    evidence_for,
    mentee_evidence_of,
    mentee_of,
)

pytestmark = pytest.mark.django_db


def _download(evidence):
    """An evaluator's download, from My reviews."""
    return reverse("labelling:review_evidence", kwargs={"evidence_pk": evidence.pk})


def test_an_evaluator_downloads_the_evidence_of_a_dossier_assigned_to_them(client):
    evidence = evidence_for(content=b"%PDF-1.4 assigned")
    evaluation = EvaluationFactory(application=evidence.requirement.application)
    client.force_login(evaluation.evaluator)
    response = client.get(_download(evidence))
    assert (response.status_code, b"".join(response.streaming_content)) == (200, b"%PDF-1.4 assigned")


def test_an_evaluator_gets_404_for_the_evidence_of_a_dossier_not_assigned_to_them(client):
    evidence = evidence_for()
    EvaluationFactory(application=evidence.requirement.application)
    client.force_login(UserFactory(label_evaluator=True))
    assert client.get(_download(evidence)).status_code == 404


def test_the_network_coordinator_still_downloads_any_evidence(client):
    evidence = evidence_for()
    client.force_login(UserFactory(network_coordinator=True))
    assert client.get(reverse("labelling:evidence", kwargs={"evidence_pk": evidence.pk})).status_code == 200


def test_an_evaluator_downloads_from_my_reviews_not_from_the_board(client):
    evidence = evidence_for()
    evaluation = EvaluationFactory(application=evidence.requirement.application)
    client.force_login(evaluation.evaluator)
    board_download = reverse("labelling:evidence", kwargs={"evidence_pk": evidence.pk})
    assert client.get(board_download).status_code == 403


def test_the_evaluators_reviews_link_the_evidence_of_their_dossiers(client):
    evidence = evidence_for()
    evaluation = EvaluationFactory(application=evidence.requirement.application)
    client.force_login(evaluation.evaluator)
    assert _download(evidence) in client.get(reverse("labelling:reviews")).content.decode()


def test_the_reviews_query_count_does_not_grow_with_dossiers_and_evidence(client, django_assert_max_num_queries):
    evaluator = UserFactory(label_evaluator=True)
    for _ in range(3):
        evidence = evidence_for()
        EvaluationFactory(application=evidence.requirement.application, evaluator=evaluator)
    client.force_login(evaluator)
    # session, user, the menu's read, the applications, their requirements with criteria, evidence,
    # the own evaluation: 7 whatever the number of dossiers.
    with django_assert_max_num_queries(7):
        client.get(reverse("labelling:reviews"))


@pytest.fixture
def mentor_coordinator(client, centre):
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    return client


def _mentee_page(centre, application):
    return reverse("labelling_centre:mentee", kwargs={"centre_slug": centre.slug, "mentee_pk": application.pk})


def test_a_mentor_cites_coordinator_reads_the_mentees_dossier_and_log(mentor_coordinator, centre):
    application = mentee_of(centre, application__territory="Pays de Morlaix")
    application.sessions.create(kind="call", held_on="2026-03-02", summary="First call on the reverse plan")
    body = mentor_coordinator.get(_mentee_page(centre, application)).content.decode()
    assert ("Pays de Morlaix" in body, "First call on the reverse plan" in body) == (True, True)


def test_the_mentor_reads_the_dossier_but_cannot_change_the_self_assessment(mentor_coordinator, centre):
    application = mentee_of(centre)
    requirement = application.requirements.first()
    response = mentor_coordinator.post(
        _mentee_page(centre, application),
        {"form": "requirement", "requirement_pk": requirement.pk, "status": "met", "account": "Done"},
    )
    requirement.refresh_from_db()
    assert (response.status_code, requirement.status) == (400, RequirementStatus.NOT_ASSESSED)


def test_the_mentor_logs_a_session_of_the_mentoring(mentor_coordinator, centre):
    application = mentee_of(centre)
    mentor_coordinator.post(
        _mentee_page(centre, application),
        {"form": "session", "kind": "visit", "held_on": "2026-03-10", "summary": "Shadowing the desk", "attendees": 2},
    )
    session = MentoringSession.objects.get(application=application)
    assert (session.summary, session.mentoring.mentor) == ("Shadowing the desk", centre)


def test_a_cite_not_mentoring_the_application_gets_404(mentor_coordinator, centre, other_centre):
    application = mentee_of(other_centre)
    assert mentor_coordinator.get(_mentee_page(centre, application)).status_code == 404


def test_a_cites_own_application_is_not_reached_as_a_mentee(mentor_coordinator, centre):
    application = LabelApplicationFactory(centre=centre)
    assert mentor_coordinator.get(_mentee_page(centre, application)).status_code == 404


def test_an_adviser_of_the_mentor_cite_may_not_read_the_mentees_dossier(client, centre):
    application = mentee_of(centre)
    client.force_login(MembershipFactory(centre=centre, roles=[Role.ADVISER]).user)
    assert client.get(_mentee_page(centre, application)).status_code == 403


def test_the_mentor_downloads_the_mentees_evidence_and_not_another(mentor_coordinator, centre, other_centre):
    ours, theirs = mentee_evidence_of(centre, content=b"%PDF-1.4 ours"), mentee_evidence_of(other_centre)

    def url(evidence):
        return reverse(
            "labelling_centre:mentee_evidence", kwargs={"centre_slug": centre.slug, "mentee_evidence_pk": evidence.pk}
        )

    response = mentor_coordinator.get(url(ours))
    assert (b"".join(response.streaming_content), mentor_coordinator.get(url(theirs)).status_code) == (
        b"%PDF-1.4 ours",
        404,
    )


def test_the_cites_label_page_lists_the_applications_it_mentors(mentor_coordinator, centre, other_centre):
    mentee_of(centre, application__territory="Our mentee")
    mentee_of(other_centre, application__territory="Their mentee")
    MentoringFactory(mentor=other_centre)
    body = mentor_coordinator.get(reverse("labelling_centre:mine", kwargs={"centre_slug": centre.slug})).content
    assert (b"Our mentee" in body, b"Their mentee" in body) == (True, False)


def test_an_assigned_evaluator_records_a_finding_from_my_reviews(client):
    evaluation = EvaluationFactory()
    requirement = evaluation.application.requirements.first()
    client.force_login(evaluation.evaluator)
    client.post(
        reverse("labelling:reviews"),
        {
            "form": "finding",
            "application_pk": evaluation.application_id,
            "requirement": requirement.pk,
            "severity": "minor",
            "finding": "Opening hours not posted",
            "due_on": "2027-01-31",
        },
    )
    assert list(requirement.non_conformities.values_list("finding", flat=True)) == ["Opening hours not posted"]


def test_an_evaluator_records_no_finding_on_a_dossier_not_assigned(client):
    application = LabelApplicationFactory()
    requirement = application.requirements.first()
    client.force_login(UserFactory(label_evaluator=True))
    response = client.post(
        reverse("labelling:reviews"),
        {
            "form": "finding",
            "application_pk": application.pk,
            "requirement": requirement.pk,
            "severity": "minor",
            "finding": "Anything",
            "due_on": "2027-01-31",
        },
    )
    assert (response.status_code, requirement.non_conformities.count()) == (400, 0)


def test_an_empty_post_to_my_reviews_is_refused_with_a_message(client):
    client.force_login(UserFactory(label_evaluator=True))
    assert client.post(reverse("labelling:reviews")).status_code == 400
