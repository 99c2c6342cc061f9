"""The labelling pages: who reads which dossier, evidence never public, the guard, refusals shown,
and the board's and the dossier's query counts pinned."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.labelling.models import Evidence, LabelApplication, RequirementStatus, State
from tests.factories import CentreFactory, MembershipFactory, UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory, evidence_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_of_network(client):
    client.force_login(UserFactory(network_coordinator=True))
    return client


def _act(application):
    return reverse("labelling:application_action", kwargs={"application_pk": application.pk})


def test_the_network_records_an_enquiry(coordinator_of_network):
    response = coordinator_of_network.post(
        reverse("labelling:application_add"), {"territory": "Pays de Brest", "country": "FR", "population": "400000"}
    )
    application = LabelApplication.objects.get()
    assert response["Location"] == reverse("labelling:application", kwargs={"application_pk": application.pk})


def test_a_refused_step_is_shown_with_what_is_missing(coordinator_of_network):
    application = LabelApplicationFactory(opening_on=None)
    response = coordinator_of_network.post(
        _act(application), {"form": "transition", "transition": "apply", "reason": "Ready"}
    )
    assert response.status_code == 400
    assert "the planned opening date" in response.content.decode()


def test_a_step_taken_from_the_page_appears_in_the_timeline(coordinator_of_network):
    application = LabelApplicationFactory()
    coordinator_of_network.post(
        _act(application), {"form": "transition", "transition": "apply", "reason": "Partners signed"}
    )
    page = coordinator_of_network.get(reverse("labelling:application", kwargs={"application_pk": application.pk}))
    assert "Partners signed" in page.content.decode()


def test_a_reason_with_personal_data_is_refused_and_nothing_written(coordinator_of_network):
    application = LabelApplicationFactory()
    response = coordinator_of_network.post(
        _act(application), {"form": "transition", "transition": "apply", "reason": "Ask jean.dupont@example.org"}
    )
    application.refresh_from_db()
    assert (response.status_code, application.state) == (400, State.ENQUIRY)


def test_an_unknown_form_is_a_400(coordinator_of_network):
    assert coordinator_of_network.post(_act(LabelApplicationFactory()), {"form": "nope"}).status_code == 400


def test_the_candidate_sees_its_own_application_only(client):
    candidate = UserFactory()
    LabelApplicationFactory(territory="Our valley", candidates=[candidate])
    LabelApplicationFactory(territory="Their coast")
    client.force_login(candidate)
    body = client.get(reverse("labelling_candidate:mine")).content.decode()
    assert ("Our valley" in body, "Their coast" in body) == (True, False)


def test_the_candidate_fills_its_self_assessment(client):
    candidate = UserFactory()
    application = LabelApplicationFactory(candidates=[candidate])
    requirement = application.requirements.first()
    client.force_login(candidate)
    client.post(
        reverse("labelling_candidate:act", kwargs={"application_pk": application.pk}),
        {"form": "requirement", "requirement_pk": requirement.pk, "status": "met", "account": "Signed in May"},
    )
    requirement.refresh_from_db()
    assert requirement.status == RequirementStatus.MET


def test_another_territorys_application_answers_404_to_a_candidate(client):
    client.force_login(UserFactory())
    application = LabelApplicationFactory(candidates=[UserFactory()])
    url = reverse("labelling_candidate:act", kwargs={"application_pk": application.pk})
    assert client.post(url, {"form": "session"}).status_code == 404


def test_the_candidate_may_not_send_the_networks_forms(client):
    candidate = UserFactory()
    application = LabelApplicationFactory(candidates=[candidate])
    client.force_login(candidate)
    client.post(
        reverse("labelling_candidate:act", kwargs={"application_pk": application.pk}),
        {"form": "mentor", "mentor": CentreFactory().pk},
    )
    assert not application.mentorings.exists()


def test_a_cites_coordinator_reads_its_own_application(client, centre):
    LabelApplicationFactory(territory="Our valley", centre=centre)
    LabelApplicationFactory(territory="Their coast", centre=CentreFactory())
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    body = client.get(reverse("labelling_centre:mine", kwargs={"centre_slug": centre.slug})).content.decode()
    assert ("Our valley" in body, "Their coast" in body) == (True, False)


def test_another_cites_evidence_answers_404(client, centre, other_centre):
    evidence = evidence_for(other_centre)
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    url = reverse("labelling_centre:evidence", kwargs={"centre_slug": centre.slug, "evidence_pk": evidence.pk})
    assert client.get(url).status_code == 404


def test_the_cites_own_evidence_is_served_privately(client, centre):
    evidence = evidence_for(centre, content=b"%PDF-1.4 ours")
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    url = reverse("labelling_centre:evidence", kwargs={"centre_slug": centre.slug, "evidence_pk": evidence.pk})
    response = client.get(url)
    assert (b"".join(response.streaming_content), response["Cache-Control"]) == (b"%PDF-1.4 ours", "private")


def test_evidence_is_never_served_from_the_storage_path(client, centre):
    evidence = evidence_for(centre)
    assert client.get(f"/{settings.MEDIA_URL}{evidence.file.name}").status_code == 404


def test_evidence_is_stored_under_a_random_name(centre):
    evidence = evidence_for(centre)
    assert "Convention" not in evidence.file.name


def test_an_uploaded_evidence_of_a_wrong_kind_is_refused(coordinator_of_network):
    application = LabelApplicationFactory()
    requirement = application.requirements.first()
    upload = SimpleUploadedFile("run.sh", b"#!/bin/sh", content_type="text/x-sh")
    response = coordinator_of_network.post(
        _act(application), {"form": "evidence", "requirement_pk": requirement.pk, "file": upload}
    )
    assert (response.status_code, Evidence.objects.count()) == (400, 0)


def test_an_evaluator_reads_only_the_dossiers_assigned_to_them(client):
    evaluation = EvaluationFactory(application__territory="Assigned valley")
    LabelApplicationFactory(territory="Someone else's coast")
    client.force_login(evaluation.evaluator)
    body = client.get(reverse("labelling:reviews")).content.decode()
    assert ("Assigned valley" in body, "Someone else's coast" in body) == (True, False)


def test_an_evaluator_may_not_report_on_a_dossier_not_assigned(client):
    evaluator = UserFactory(label_evaluator=True)
    application = LabelApplicationFactory()
    client.force_login(evaluator)
    response = client.post(reverse("labelling:reviews"), {"application_pk": application.pk, "report": "Fine"})
    assert (response.status_code, application.evaluations.count()) == (400, 0)


def test_the_assigned_evaluator_sends_their_report(client):
    evaluation = EvaluationFactory()
    client.force_login(evaluation.evaluator)
    client.post(reverse("labelling:reviews"), {"application_pk": evaluation.application_id, "report": "Solid partners"})
    evaluation.refresh_from_db()
    assert evaluation.submitted_at is not None


def test_a_late_milestone_is_flagged(coordinator_of_network):
    application = LabelApplicationFactory(opening_on=datetime.date(2026, 1, 1))
    application.milestones.create(title="Sign the lease", weeks_before_opening=8)
    page = coordinator_of_network.get(reverse("labelling:application", kwargs={"application_pk": application.pk}))
    assert "(late)" in page.content.decode()


def test_the_board_query_count_does_not_grow_with_applications(coordinator_of_network, django_assert_max_num_queries):
    for _ in range(5):
        LabelApplicationFactory(centre=CentreFactory())
    # session, user, the applications with their Cité and open non-conformities in one query, and
    # the menu's one read: 4 with 1 application or 5.
    with django_assert_max_num_queries(4):
        coordinator_of_network.get(reverse("labelling:board"))


def test_the_dossier_query_count_is_pinned(coordinator_of_network, django_assert_max_num_queries):
    application = LabelApplicationFactory(centre=CentreFactory())
    EvaluationFactory(application=application)
    evidence_for()
    # session, user, the application, one query per prefetched relation (requirements, criteria,
    # evidence, non-conformities, events, evaluations, commission, mentors, sessions, milestones,
    # renewals), the checks of the steps available from its state and the suggested mentors: 22,
    # whatever the number of criteria.
    with django_assert_max_num_queries(22):
        coordinator_of_network.get(reverse("labelling:application", kwargs={"application_pk": application.pk}))


@pytest.mark.parametrize(
    "posted",
    [
        {"form": "requirement", "requirement_pk": "²", "status": "met"},
        {"form": "milestone_toggle", "milestone_pk": "abc"},
        {"form": "non_conformity_close", "item_pk": "abc"},
    ],
)
def test_an_id_typed_by_hand_in_a_dossier_action_is_no_server_error(coordinator_of_network, posted):
    # Review finding: "²".isdigit() is True and int() refuses it; text ids reached the database.
    response = coordinator_of_network.post(_act(LabelApplicationFactory()), posted)
    assert response.status_code in {302, 400, 404}


def test_an_absurd_population_is_refused_with_a_message(coordinator_of_network):
    response = coordinator_of_network.post(
        reverse("labelling:application_add"), {"territory": "Pays", "country": "FR", "population": "9" * 25}
    )
    assert response.status_code == 200 and not LabelApplication.objects.exists()
