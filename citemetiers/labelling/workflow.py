"""The label application's state machine: one declarative table, a check per requirement, a log row.

The pattern of `reception/ticketing.py` (the project's one way for workflows): each transition names
the states it leaves, the state it reaches, who takes it and what it requires. A transition its
requirements forbid is refused with the list of what is missing, so the person knows what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.labelling.models import (
    ApplicationEvent,
    CriterionKind,
    LabelApplication,
    MemberKind,
    NonConformity,
    RequirementStatus,
    Severity,
    State,
)
from citemetiers.labelling.perms import can_take_transition
from citemetiers.labelling.validity import GRANTING_STEPS, valid_until
from citemetiers.projects.models import TaskStatus

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from citemetiers.accounts.models import User

S = State
LABELLED = {S.OPERATING, S.CONFIRMED, S.RENEWED, S.RENEWED_WITH_CONDITIONS}


# -- What a transition requires: each check returns what is missing, in words ---------------------


def _territory_and_opening(application: LabelApplication) -> list[str]:
    missing = []
    if not application.territory.strip():
        missing.append(_("the territory"))
    if application.opening_on is None:
        missing.append(_("the planned opening date"))
    return missing


def _prerequisites_assessed(application: LabelApplication) -> list[str]:
    open_ = application.requirements.filter(
        criterion__kind=CriterionKind.PREREQUISITE, status=RequirementStatus.NOT_ASSESSED
    ).select_related("criterion")
    return [_("the self-assessment of %(code)s") % {"code": r.criterion.code} for r in open_]


def _evaluators_assigned(application: LabelApplication) -> list[str]:
    return [] if application.evaluations.exists() else [_("an evaluator assigned")]


def _reports_written(application: LabelApplication) -> list[str]:
    evaluations = list(application.evaluations.select_related("evaluator"))
    if not evaluations:
        return [_("the evaluators' reports")]
    return [
        _("the report of %(name)s") % {"name": e.evaluator.get_full_name() or e.evaluator.email}
        for e in evaluations
        if e.submitted_at is None
    ]


def _commission_chaired(application: LabelApplication) -> list[str]:
    if application.commission.filter(kind=MemberKind.CHAIR).exists():
        return []
    return [_("a chair of the commission")]


def _mentor_assigned(application: LabelApplication) -> list[str]:
    return [] if application.mentorings.exists() else [_("a mentor Cité")]


def _training_attended(application: LabelApplication) -> list[str]:
    from citemetiers.labelling.models import SessionKind

    if application.sessions.filter(kind=SessionKind.TRAINING, attendees__gt=0).exists():
        return []
    return [_("the newcomers' training attended")]


def _reverse_plan_done(application: LabelApplication) -> list[str]:
    if not application.milestones.exists():
        return [_("a reverse plan")]
    return [_("the milestone “%(title)s”") % {"title": m.title} for m in application.milestones.filter(done_on=None)]


def _centre_linked(application: LabelApplication) -> list[str]:
    return [] if application.centre_id else [_("the Cité opened on the platform")]


def _open_non_conformities(application: LabelApplication) -> QuerySet[NonConformity]:
    """The findings still open: not closed by the network, nor their task completed by the Cité (a
    task cancelled does not close its finding). Those completed are closed by the next step taken."""
    return (
        NonConformity.objects.filter(requirement__application=application, closed_on=None)
        .exclude(task__status=TaskStatus.DONE)
        .select_related("requirement__criterion")
    )


def _listed(item: NonConformity, message: str) -> str:
    return message % {
        "code": item.requirement.criterion.code,
        "finding": item.finding,
        "day": date_format(item.due_on, "SHORT_DATE_FORMAT"),
    }


def _no_open_major(application: LabelApplication) -> list[str]:
    return [
        _listed(n, _("the closure of the major non-conformity on %(code)s (“%(finding)s”, due %(day)s)"))
        for n in _open_non_conformities(application).filter(severity=Severity.MAJOR)
    ]


def _no_open_non_conformity(application: LabelApplication) -> list[str]:
    return [
        _listed(n, _("the closure of the non-conformity on %(code)s (“%(finding)s”, due %(day)s)"))
        for n in _open_non_conformities(application)
    ]


def _open_conditions(application: LabelApplication) -> list[str]:
    # Renewing "with conditions" is the decision that the Cité has non-conformities to close by a date.
    if _open_non_conformities(application).exists():
        return []
    return [_("a non-conformity with its deadline, the condition of the renewal")]


def _renewal_file(application: LabelApplication) -> list[str]:
    if application.renewals.exclude(prepared_at=None).exists():
        return []
    return [_("the renewal file prepared from the year's figures")]


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    who: str  # "network" or "candidate" (see perms.can_take_transition)
    label: object
    requires: tuple[Callable[[LabelApplication], list[str]], ...] = ()


Check = Callable[[LabelApplication], list[str]]


def _t(sources: Iterable[str], target: str, who: str, label: object, *requires: Check) -> Transition:
    return Transition(frozenset(sources), target, who, label, tuple(requires))


TRANSITIONS: dict[str, Transition] = {
    "apply": _t(
        {S.ENQUIRY}, S.APPLIED, "candidate", gettext_lazy("Submit the project application"), _territory_and_opening
    ),
    "submit_to_commission": _t(
        {S.APPLIED, S.MORE_INFORMATION},
        S.COMMISSION,
        "network",
        gettext_lazy("Send to the commission"),
        _prerequisites_assessed,
        _evaluators_assigned,
    ),
    "grant_project_label": _t(
        {S.COMMISSION},
        S.PREPARATION,
        "network",
        gettext_lazy("Grant the project label"),
        _reports_written,
        _commission_chaired,
        _no_open_major,
    ),
    "ask_more_information": _t(
        {S.COMMISSION},
        S.MORE_INFORMATION,
        "network",
        gettext_lazy("Ask for more information"),
        _reports_written,
        _commission_chaired,
    ),
    "decline": _t(
        {S.COMMISSION}, S.DECLINED, "network", gettext_lazy("Decline"), _reports_written, _commission_chaired
    ),
    "grant_operating_label": _t(
        {S.PREPARATION},
        S.OPERATING,
        "network",
        gettext_lazy("Grant the operating label"),
        _centre_linked,
        _mentor_assigned,
        _training_attended,
        _reverse_plan_done,
        _no_open_major,
    ),
    "confirm": _t(
        {S.OPERATING},
        S.CONFIRMED,
        "network",
        gettext_lazy("Confirm after the first year"),
        _renewal_file,
        _no_open_major,
    ),
    "renew": _t(
        {S.CONFIRMED, S.RENEWED, S.RENEWED_WITH_CONDITIONS},
        S.RENEWED,
        "network",
        gettext_lazy("Renew"),
        _renewal_file,
        _no_open_non_conformity,
    ),
    "renew_with_conditions": _t(
        {S.CONFIRMED, S.RENEWED, S.RENEWED_WITH_CONDITIONS},
        S.RENEWED_WITH_CONDITIONS,
        "network",
        gettext_lazy("Renew with conditions"),
        _renewal_file,
        _open_conditions,
    ),
    "suspend": _t(LABELLED, S.SUSPENDED, "network", gettext_lazy("Suspend the label")),
    "reinstate": _t(
        {S.SUSPENDED}, S.RENEWED_WITH_CONDITIONS, "network", gettext_lazy("Lift the suspension"), _no_open_major
    ),
    "withdraw": _t(LABELLED | {S.SUSPENDED}, S.WITHDRAWN, "network", gettext_lazy("Withdraw the label")),
}


# The submissions that freeze the platform's evidence the commission will read: the application, and
# its return after "more information" (the commission then reads the dossier as resubmitted).
FREEZES_EVIDENCE = {"apply", "submit_to_commission"}


class IllegalTransition(DomainError):
    pass


class TransitionRefused(DomainError):
    """The transition exists from this state, but what it requires is missing: `missing` lists it."""

    def __init__(self, message: str, *, missing: list[str]) -> None:
        super().__init__(message)
        self.missing = missing


def missing_for(application: LabelApplication, name: str) -> list[str]:
    """What the transition still requires of this application, in words (empty when it may be taken)."""
    missing: list[str] = []
    for check in TRANSITIONS[name].requires:
        missing.extend(check(application))
    return missing


def available(application: LabelApplication, user: User) -> list[tuple[str, Transition]]:
    """The transitions from the application's state that this person may take."""
    return [
        (name, t)
        for name, t in TRANSITIONS.items()
        if application.state in t.sources and can_take_transition(user, application, t.who)
    ]


@transaction.atomic
def application_transition(
    *, application: LabelApplication, name: str, reason: str, actor: User, now: datetime | None = None
) -> LabelApplication:
    """Take the named transition: refused when it does not leave this state, when the person may not
    take it, or with what is missing when its requirements are not met; logged with its reason."""
    from citemetiers.labelling.services import refuse_personal_data

    transition = TRANSITIONS.get(name)
    if transition is None:
        raise IllegalTransition(_("This step does not exist."))
    # The row lock makes two coordinators deciding at once take turns: the second sees the new state.
    application = LabelApplication.objects.select_for_update().get(pk=application.pk)
    if application.state not in transition.sources:
        raise IllegalTransition(
            _("An application in the state “%(state)s” cannot take the step “%(step)s”.")
            % {"state": application.get_state_display(), "step": transition.label}
        )
    if not can_take_transition(actor, application, transition.who):
        raise NotPermitted(_("You may not take this step of the application."))
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for this step."), field="reason")
    refuse_personal_data(reason, "reason")
    missing = missing_for(application, name)
    if missing:
        raise TransitionRefused(
            _("This step still requires: %(missing)s.") % {"missing": "; ".join(str(m) for m in missing)},
            missing=missing,
        )
    now = now or timezone.now()
    _close_completed_non_conformities(application, actor=actor, step=name)
    from_state = application.state
    application.state = transition.target
    fields = ["state"]
    if transition.target == S.OPERATING:
        application.labelled_on = timezone.localdate(now)
        fields.append("labelled_on")
    if name in FREEZES_EVIDENCE:
        from citemetiers.labelling.selectors import platform_evidence

        application.platform_evidence = platform_evidence(application, on=timezone.localdate(now))
        fields.append("platform_evidence")
    application.save(update_fields=fields)
    ApplicationEvent.objects.create(
        application=application,
        transition=name,
        from_state=from_state,
        to_state=application.state,
        reason=reason,
        actor=actor,
        at=now,
    )
    _sync_centre_label(application, granted_on=timezone.localdate(now) if name in GRANTING_STEPS else None)
    audit_log(
        actor=actor,
        action=f"label_application.{name}",
        target=application,
        centre=application.centre,
        changes={"state": [from_state, application.state], "reason": reason},
    )
    return application


def _close_completed_non_conformities(application: LabelApplication, *, actor: User, step: str) -> None:
    """The check at the next step: a finding whose task the Cité completed is closed on the day it did."""
    completed = NonConformity.objects.filter(
        requirement__application=application, closed_on=None, task__status=TaskStatus.DONE
    ).select_related("task")
    for item in completed:
        task = item.task
        assert task is not None  # filtered on its status; says so to the type checker
        item.closed_on = timezone.localdate(task.completed_at) if task.completed_at else timezone.localdate()
        item.save(update_fields=["closed_on"])
        audit_log(
            actor=actor,
            action="non_conformity.close",
            target=application,
            centre=application.centre,
            changes={"checked_at_step": step, "task": task.pk},
        )


def _sync_centre_label(application: LabelApplication, *, granted_on: date | None = None) -> None:
    """The Cité's own label status follows its application once labelled, and a step granting the label
    for a year (`granted_on`) sets its validity; the steps before the operating label leave them as
    they are (a Cité labelled before the platform keeps its own)."""
    if application.centre_id is None:
        return
    from citemetiers.centres.models import LabelStatus

    state = application.state
    status: str | None
    if state == S.SUSPENDED:
        status = LabelStatus.SUSPENDED
    elif state == S.WITHDRAWN:
        status = LabelStatus.WITHDRAWN
    else:
        status = LabelStatus.LABELLED if state in LABELLED else None
    centre = application.centre
    if status is None or centre is None:
        return
    fields = []
    if centre.label_status != status:
        centre.label_status = status
        fields.append("label_status")
    if granted_on is not None and application.labelled_on is not None:
        centre.labelled_until = valid_until(application.labelled_on, granted_on)
        fields.append("labelled_until")
    if fields:
        centre.save(update_fields=fields)
