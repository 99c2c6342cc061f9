"""The label application's state machine: every transition allowed, refused from a wrong state, refused
to the wrong person, and refused with what is missing when its requirements are not met."""

import datetime

import pytest
from django.utils import timezone

from citemetiers.centres.models import LabelStatus
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.core.models import AuditEntry
from citemetiers.labelling import services
from citemetiers.labelling.models import (
    CriterionKind,
    MemberKind,
    NonConformity,
    RequirementStatus,
    SessionKind,
    Severity,
    State,
)
from citemetiers.labelling.workflow import (
    TRANSITIONS,
    IllegalTransition,
    TransitionRefused,
    application_transition,
    missing_for,
)
from tests.factories import CentreFactory, UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory

pytestmark = pytest.mark.django_db

OLD = timezone.now() - datetime.timedelta(days=800)


@pytest.fixture
def coordinator(db):
    return UserFactory(network_coordinator=True)


def _step(application, name, actor, reason="As decided"):
    return application_transition(application=application, name=name, reason=reason, actor=actor)


def _ready_for_commission(application):
    application.requirements.filter(criterion__kind=CriterionKind.PREREQUISITE).update(status=RequirementStatus.MET)
    EvaluationFactory(application=application)


def _ready_for_decision(application):
    _ready_for_commission(application)
    application.evaluations.update(report="Solid", submitted_at=timezone.now())
    application.commission.create(name="Holder of the mark", kind=MemberKind.CHAIR)


def _ready_to_open(application):
    centre = CentreFactory()
    application.centre = centre
    application.save()
    mentor = CentreFactory()
    application.mentorings.create(mentor=mentor, assigned_on=datetime.date(2026, 1, 1))
    application.sessions.create(
        kind=SessionKind.TRAINING, held_on=datetime.date(2026, 2, 1), summary="Day 1", attendees=3
    )
    application.milestones.create(title="Site signed", weeks_before_opening=20, done_on=datetime.date(2026, 3, 1))


def _ready_to_renew(application):
    application.renewals.create(year=2026, due_on=datetime.date(2027, 3, 31), prepared_at=timezone.now())


def test_the_table_names_a_reachable_state_for_every_transition():
    assert {t.target for t in TRANSITIONS.values()} <= set(State.values)


def test_an_enquiry_becomes_a_project_application_with_its_reason_logged(coordinator):
    application = LabelApplicationFactory()
    _step(application, "apply", coordinator, reason="Partners committed")
    event = application.events.get()
    assert (event.from_state, event.to_state, event.reason) == (State.ENQUIRY, State.APPLIED, "Partners committed")


def test_every_transition_writes_an_audit_entry(coordinator):
    application = LabelApplicationFactory()
    _step(application, "apply", coordinator)
    assert AuditEntry.objects.filter(action="label_application.apply", target_id=str(application.pk)).exists()


def test_applying_without_an_opening_date_is_refused_with_what_is_missing(coordinator):
    application = LabelApplicationFactory(opening_on=None)
    with pytest.raises(TransitionRefused) as refused:
        _step(application, "apply", coordinator)
    assert [str(m) for m in refused.value.missing] == ["the planned opening date"]


def test_a_refused_transition_changes_nothing(coordinator):
    application = LabelApplicationFactory(opening_on=None)
    with pytest.raises(TransitionRefused):
        _step(application, "apply", coordinator)
    application.refresh_from_db()
    assert (application.state, application.events.count()) == (State.ENQUIRY, 0)


def test_a_transition_from_the_wrong_state_is_illegal(coordinator):
    application = LabelApplicationFactory()
    with pytest.raises(IllegalTransition):
        _step(application, "grant_project_label", coordinator)


def test_an_unknown_transition_is_illegal(coordinator):
    with pytest.raises(IllegalTransition):
        _step(LabelApplicationFactory(), "teleport", coordinator)


def test_a_transition_needs_its_reason(coordinator):
    with pytest.raises(DomainError) as refused:
        _step(LabelApplicationFactory(), "apply", coordinator, reason="  ")
    assert refused.value.field == "reason"


def test_the_reason_passes_the_personal_data_guard(coordinator):
    with pytest.raises(DomainError) as refused:
        _step(LabelApplicationFactory(), "apply", coordinator, reason="Call jean.dupont@example.org")
    assert refused.value.field == "reason"


def test_the_candidates_staff_submit_their_own_application(coordinator):
    candidate = UserFactory()
    application = LabelApplicationFactory(candidates=[candidate])
    assert _step(application, "apply", candidate).state == State.APPLIED


def test_another_person_may_not_submit_the_application():
    application = LabelApplicationFactory(candidates=[UserFactory()])
    with pytest.raises(NotPermitted):
        _step(application, "apply", UserFactory())


def test_the_candidate_may_not_take_the_networks_steps():
    candidate = UserFactory()
    application = LabelApplicationFactory(candidates=[candidate], state=State.APPLIED)
    _ready_for_commission(application)
    with pytest.raises(NotPermitted):
        _step(application, "submit_to_commission", candidate)


def test_an_evaluator_may_not_decide_for_the_commission():
    application = LabelApplicationFactory(state=State.COMMISSION)
    _ready_for_decision(application)
    evaluator = application.evaluations.get().evaluator
    with pytest.raises(NotPermitted):
        _step(application, "grant_project_label", evaluator)


def test_the_commission_needs_the_self_assessment_and_an_evaluator(coordinator):
    application = LabelApplicationFactory(state=State.APPLIED)
    missing = [str(m) for m in missing_for(application, "submit_to_commission")]
    prerequisites = application.requirements.filter(criterion__kind=CriterionKind.PREREQUISITE).count()
    assert len(missing) == prerequisites + 1
    assert missing[-1] == "an evaluator assigned"


def test_the_commission_decision_needs_the_evaluators_reports(coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION)
    _ready_for_commission(application)
    application.commission.create(name="Holder of the mark", kind=MemberKind.CHAIR)
    with pytest.raises(TransitionRefused) as refused:
        _step(application, "grant_project_label", coordinator)
    assert refused.value.missing[0].startswith("the report of ")


def test_the_commission_decision_needs_its_chair(coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION)
    _ready_for_commission(application)
    application.evaluations.update(report="Solid", submitted_at=timezone.now())
    with pytest.raises(TransitionRefused) as refused:
        _step(application, "decline", coordinator)
    assert [str(m) for m in refused.value.missing] == ["a chair of the commission"]


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("grant_project_label", State.PREPARATION),
        ("ask_more_information", State.MORE_INFORMATION),
        ("decline", State.DECLINED),
    ],
)
def test_the_commission_decides(coordinator, name, target):
    application = LabelApplicationFactory(state=State.COMMISSION)
    _ready_for_decision(application)
    assert _step(application, name, coordinator).state == target


def test_more_information_goes_back_to_the_commission(coordinator):
    application = LabelApplicationFactory(state=State.MORE_INFORMATION)
    _ready_for_commission(application)
    assert _step(application, "submit_to_commission", coordinator).state == State.COMMISSION


def test_a_major_non_conformity_open_blocks_the_project_label(coordinator):
    application = LabelApplicationFactory(state=State.COMMISSION)
    _ready_for_decision(application)
    requirement = application.requirements.first()
    NonConformity.objects.create(
        requirement=requirement, severity=Severity.MAJOR, finding="No site", due_on=datetime.date(2027, 1, 1)
    )
    with pytest.raises(TransitionRefused) as refused:
        _step(application, "grant_project_label", coordinator)
    assert requirement.criterion.code in str(refused.value.missing[0])


def test_the_operating_label_needs_cite_mentor_training_and_reverse_plan(coordinator):
    application = LabelApplicationFactory(state=State.PREPARATION)
    assert [str(m) for m in missing_for(application, "grant_operating_label")] == [
        "the Cité opened on the platform",
        "a mentor Cité",
        "the newcomers' training attended",
        "a reverse plan",
    ]


def test_the_operating_label_marks_the_cite_labelled(coordinator):
    application = LabelApplicationFactory(state=State.PREPARATION)
    _ready_to_open(application)
    application = _step(application, "grant_operating_label", coordinator)
    application.centre.refresh_from_db()
    assert (application.centre.label_status, application.labelled_on) == (LabelStatus.LABELLED, timezone.localdate())


def test_a_milestone_not_done_blocks_the_opening(coordinator):
    application = LabelApplicationFactory(state=State.PREPARATION)
    _ready_to_open(application)
    application.milestones.create(title="Partners' agreement", weeks_before_opening=10)
    assert [str(m) for m in missing_for(application, "grant_operating_label")] == [
        "the milestone “Partners' agreement”"
    ]


def test_the_first_year_confirmation_needs_the_renewal_file(coordinator):
    application = LabelApplicationFactory(state=State.OPERATING)
    assert [str(m) for m in missing_for(application, "confirm")] == [
        "the renewal file prepared from the year's figures"
    ]
    _ready_to_renew(application)
    assert _step(application, "confirm", coordinator).state == State.CONFIRMED


def test_renewal_is_refused_while_a_non_conformity_is_open(coordinator):
    application = LabelApplicationFactory(state=State.CONFIRMED)
    _ready_to_renew(application)
    NonConformity.objects.create(
        requirement=application.requirements.first(),
        severity=Severity.MINOR,
        finding="Hours not shown",
        due_on=datetime.date(2027, 6, 1),
    )
    with pytest.raises(TransitionRefused):
        _step(application, "renew", coordinator)


def test_renewal_with_conditions_needs_a_condition_with_its_deadline(coordinator):
    application = LabelApplicationFactory(state=State.RENEWED)
    _ready_to_renew(application)
    with pytest.raises(TransitionRefused):
        _step(application, "renew_with_conditions", coordinator)
    NonConformity.objects.create(
        requirement=application.requirements.first(),
        severity=Severity.MINOR,
        finding="Hours not shown",
        due_on=datetime.date(2027, 6, 1),
    )
    assert _step(application, "renew_with_conditions", coordinator).state == State.RENEWED_WITH_CONDITIONS


@pytest.mark.parametrize(("name", "status"), [("suspend", LabelStatus.SUSPENDED), ("withdraw", LabelStatus.WITHDRAWN)])
def test_a_suspended_or_withdrawn_label_shows_on_the_cite(coordinator, name, status):
    application = LabelApplicationFactory(state=State.RENEWED, centre=CentreFactory())
    _step(application, name, coordinator)
    application.centre.refresh_from_db()
    assert application.centre.label_status == status


def test_a_withdrawn_label_takes_no_further_step(coordinator):
    application = LabelApplicationFactory(state=State.WITHDRAWN)
    for name in TRANSITIONS:
        with pytest.raises(IllegalTransition):
            _step(application, name, coordinator)


def test_an_application_opens_against_the_charter_with_a_requirement_per_criterion(coordinator):
    application = services.application_open(territory="Pays de Brest", country="fr", actor=coordinator)
    assert application.requirements.count() == application.charter.criteria.count() > 0


def test_a_renewal_sets_the_cites_label_valid_until_the_next_anniversary(coordinator):
    application = LabelApplicationFactory(
        state=State.CONFIRMED, centre=CentreFactory(), labelled_on=datetime.date(2024, 5, 2)
    )
    _ready_to_renew(application)
    renewed_at = datetime.datetime(2026, 4, 20, 10, tzinfo=datetime.UTC)
    application_transition(application=application, name="renew", reason="Figures", actor=coordinator, now=renewed_at)
    application.centre.refresh_from_db()
    assert application.centre.labelled_until == datetime.date(2027, 5, 2)


def test_the_operating_label_is_valid_for_a_year(coordinator):
    application = LabelApplicationFactory(state=State.PREPARATION)
    _ready_to_open(application)
    opened_at = datetime.datetime(2026, 9, 1, 10, tzinfo=datetime.UTC)
    application_transition(
        application=application, name="grant_operating_label", reason="Open", actor=coordinator, now=opened_at
    )
    application.centre.refresh_from_db()
    assert application.centre.labelled_until == datetime.date(2027, 9, 1)
