"""Writes of labelling: the dossier, its evidence, the commission, mentoring, the reverse plan, renewals.

The state changes themselves are in `labelling.workflow` (one table of transitions).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.core.personal_data import explain, find_personal_data
from citemetiers.labelling import perms
from citemetiers.labelling.models import (
    CommissionMember,
    Evaluation,
    Evidence,
    LabelApplication,
    MemberKind,
    Mentoring,
    MentoringSession,
    Milestone,
    NonConformity,
    Renewal,
    Requirement,
    RequirementStatus,
    Severity,
    State,
)
from citemetiers.labelling.referential import charter_in_force

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre, Membership
    from citemetiers.projects.models import Task

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# An evaluator writes their report before the commission decides; the decisions that read it.
REPORT_OPEN_STATES = {State.ENQUIRY, State.APPLIED, State.COMMISSION, State.MORE_INFORMATION}
COMMISSION_DECISIONS = ("grant_project_label", "ask_more_information", "decline")
EVIDENCE_TYPES = {
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def refuse_personal_data(text: str | None, field: str) -> None:
    """The guard in the service too, so that a caller skipping the form is refused like the form."""
    findings = find_personal_data(text or "", language=translation.get_language())
    if findings:
        raise DomainError(
            _("This text seems to contain personal data, which the Cité never keeps about visitors: %(items)s.")
            % {"items": explain(findings)},
            field=field,
        )


def _network_only(actor: User) -> None:
    if not perms.can_follow_labelling(actor):
        raise NotPermitted(_("Only the network's coordinators may do this."))


def _dossier_editor(actor: User, application: LabelApplication) -> None:
    if not perms.can_edit_dossier(actor, application):
        raise NotPermitted(_("You may not change this dossier."))


@transaction.atomic
def application_open(
    *,
    territory: str,
    country: str,
    actor: User,
    population: int | None = None,
    opening_on: date | None = None,
    centre: Centre | None = None,
    candidates: list[User] | None = None,
) -> LabelApplication:
    """A territory's enquiry, against the charter in force today, with one requirement per criterion."""
    _network_only(actor)
    territory = (territory or "").strip()
    if not territory:
        raise DomainError(_("Name the territory."), field="territory")
    refuse_personal_data(territory, "territory")
    if centre is not None and LabelApplication.objects.for_centre(centre).exclude(state="withdrawn").exists():
        raise DomainError(_("This Cité already has an application."), field="centre")
    charter = charter_in_force(timezone.localdate())
    application = LabelApplication.objects.create(
        territory=territory,
        country=country.upper()[:2],
        population=population,
        opening_on=opening_on,
        centre=centre,
        charter=charter,
    )
    application.candidates.set(candidates or [])
    Requirement.objects.bulk_create(Requirement(application=application, criterion=c) for c in charter.criteria.all())
    audit_log(actor=actor, action="label_application.open", target=application, centre=centre)
    return application


@transaction.atomic
def application_link_centre(*, application: LabelApplication, centre: Centre, actor: User) -> LabelApplication:
    """Once the candidate's Cité is opened on the platform, its application is linked to it."""
    _network_only(actor)
    if application.centre_id and application.centre_id != centre.pk:
        raise DomainError(_("This application is already linked to another Cité."), field="centre")
    if LabelApplication.objects.for_centre(centre).exclude(pk=application.pk).exists():
        raise DomainError(_("This Cité already has an application."), field="centre")
    application.centre = centre
    application.save(update_fields=["centre"])
    audit_log(actor=actor, action="label_application.link", target=application, centre=centre)
    return application


@transaction.atomic
def requirement_update(*, requirement: Requirement, status: str, account: str, actor: User) -> Requirement:
    """The self-assessment of one criterion: its status and an account (a reason when not applicable)."""
    _dossier_editor(actor, requirement.application)
    if status not in RequirementStatus.values:
        raise DomainError(_("Choose a status."), field="status")
    account = (account or "").strip()
    if status == RequirementStatus.NOT_APPLICABLE and not account:
        raise DomainError(_("Say why this criterion does not apply."), field="account")
    refuse_personal_data(account, "account")
    changes = {"status": [requirement.status, status]}
    requirement.status, requirement.account = status, account
    requirement.save(update_fields=["status", "account"])
    audit_log(actor=actor, action="requirement.update", target=requirement.application, changes=changes)
    return requirement


@transaction.atomic
def evidence_add(*, requirement: Requirement, upload: UploadedFile, actor: User) -> Evidence:
    """A file proving a requirement, stored under a random name and never public."""
    _dossier_editor(actor, requirement.application)
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0]
    if content_type not in EVIDENCE_TYPES:
        raise DomainError(_("Attach a PDF, an image or a text document."), field="file")
    if (upload.size or 0) > MAX_EVIDENCE_BYTES:
        raise DomainError(_("The file is larger than 10 MB."), field="file")
    evidence = Evidence(
        requirement=requirement, filename=(upload.name or "evidence")[-200:], content_type=content_type, added_by=actor
    )
    evidence.file.save(upload.name or "evidence", upload, save=False)
    evidence.save()
    audit_log(actor=actor, action="evidence.add", target=requirement.application, changes={"file": evidence.filename})
    return evidence


@transaction.atomic
def non_conformity_add(
    *, requirement: Requirement, severity: str, finding: str, due_on: date, actor: User
) -> NonConformity:
    """A finding of the evaluators or the commission: to be closed by its deadline."""
    if not (perms.can_follow_labelling(actor) or perms.is_assigned_evaluator(actor, requirement.application)):
        raise NotPermitted(_("Only the network's coordinators and the dossier's evaluators record findings."))
    if severity not in Severity.values:
        raise DomainError(_("Choose a severity."), field="severity")
    finding = (finding or "").strip()
    if not finding:
        raise DomainError(_("Describe the finding."), field="finding")
    refuse_personal_data(finding, "finding")
    item = NonConformity.objects.create(requirement=requirement, severity=severity, finding=finding, due_on=due_on)
    item.task = _non_conformity_task(item, requirement.application)
    if item.task is not None:
        item.save(update_fields=["task"])
    audit_log(actor=actor, action="non_conformity.add", target=requirement.application, changes={"severity": severity})
    return item


def _non_conformity_task(item: NonConformity, application: LabelApplication) -> Task | None:
    """The Cité's action item for a finding, given to its first coordinator, due on the deadline. A
    candidate not on the platform yet has no tasks (nor a coordinator): the finding stands alone.
    Written by the platform (no actor): the network's people are not members of the Cité."""
    from citemetiers.accounts.roles import Role
    from citemetiers.centres.models import Membership
    from citemetiers.centres.tenancy import centre_scope
    from citemetiers.projects import services as project_services

    centre = application.centre
    if centre is None:
        return None
    with centre_scope(centre):
        owner = Membership.objects.active().for_centre(centre).with_role(Role.COORDINATOR).order_by("pk").first()
        if owner is None:
            return None
        title = _("%(severity)s on %(code)s: %(finding)s") % {
            "severity": item.get_severity_display(),
            "code": item.requirement.criterion.code,
            "finding": item.finding,
        }
        return project_services.task_create(
            centre=centre,
            title=title[:300],
            owner=owner,
            due_on=item.due_on,
            actor=None,
            source=(_("Label application: %(territory)s") % {"territory": application.territory})[:300],
        )


@transaction.atomic
def non_conformity_close(*, item: NonConformity, actor: User, on: date | None = None) -> NonConformity:
    _network_only(actor)
    if item.closed_on is not None:
        raise DomainError(_("This non-conformity is already closed."))
    item.closed_on = on or timezone.localdate()
    item.save(update_fields=["closed_on"])
    _complete_task(item)
    audit_log(actor=actor, action="non_conformity.close", target=item.requirement.application)
    return item


def _complete_task(item: NonConformity) -> None:
    """The network closed the finding: the Cité's task for it is done too, not left on its list."""
    from citemetiers.centres.tenancy import centre_scope
    from citemetiers.projects import services as project_services
    from citemetiers.projects.models import OPEN_STATUSES, TaskStatus

    task = item.task
    if task is not None and task.status in OPEN_STATUSES:
        with centre_scope(task.centre):
            project_services.task_set_status(task=task, status=TaskStatus.DONE, actor=None)


@transaction.atomic
def evaluator_assign(*, application: LabelApplication, evaluator: User, actor: User) -> Evaluation:
    _network_only(actor)
    if not perms.can_evaluate(evaluator):
        raise DomainError(_("This person is not a label evaluator."), field="evaluator")
    evaluation, _created = Evaluation.objects.get_or_create(application=application, evaluator=evaluator)
    audit_log(actor=actor, action="evaluation.assign", target=application, changes={"evaluator": str(evaluator)})
    return evaluation


@transaction.atomic
def evaluation_submit(*, application: LabelApplication, report: str, actor: User) -> Evaluation:
    """The assigned evaluator's report on the dossier, which the commission's decision needs."""
    # The application's row lock, the one its transitions take: a report sent while the commission
    # decides waits for the decision, then sees it below (without it, the rewrite read no decision
    # yet and overwrote the report the decision rested on). The application first, then the
    # evaluation, in the order of every other step, so that two steps never wait on each other.
    application = LabelApplication.objects.select_for_update().get(pk=application.pk)
    evaluation = Evaluation.objects.select_for_update().filter(application=application, evaluator=actor).first()
    if evaluation is None or not perms.can_evaluate(actor):
        raise NotPermitted(_("Only the dossier's assigned evaluators write its reports."))
    # The commission's decision rests on the reports it read: once it decided, they are the record
    # of that decision and may no longer change (a report not read yet may be rewritten).
    if application.state not in REPORT_OPEN_STATES or (
        evaluation.submitted_at is not None
        and application.events.filter(transition__in=COMMISSION_DECISIONS, at__gte=evaluation.submitted_at).exists()
    ):
        raise DomainError(_("The commission has decided on this dossier: its reports can no longer change."))
    report = (report or "").strip()
    if not report:
        raise DomainError(_("Write the report."), field="report")
    refuse_personal_data(report, "report")
    evaluation.report, evaluation.submitted_at = report, timezone.now()
    evaluation.save(update_fields=["report", "submitted_at"])
    audit_log(actor=actor, action="evaluation.submit", target=application)
    return evaluation


@transaction.atomic
def commission_member_add(
    *,
    application: LabelApplication,
    name: str,
    kind: str,
    actor: User,
    centre: Centre | None = None,
    conflict_of_interest: str = "",
) -> CommissionMember:
    """A seat of the commission: the mark's holder chairs, Cités open for over a year, outside experts."""
    from citemetiers.labelling.selectors import experienced

    _network_only(actor)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Name the member."), field="name")
    if kind not in MemberKind.values:
        raise DomainError(_("Choose the seat."), field="kind")
    if kind == MemberKind.CITE and (centre is None or not experienced(centre)):
        raise DomainError(
            _("A Cité sits on the commission once it has been open for more than a year."), field="centre"
        )
    if centre is not None and centre.pk == application.centre_id:
        raise DomainError(_("The applicant does not sit on its own commission."), field="centre")
    if kind == MemberKind.CHAIR and application.commission.filter(kind=MemberKind.CHAIR).exists():
        raise DomainError(_("The commission already has its chair."), field="kind")
    refuse_personal_data(conflict_of_interest, "conflict_of_interest")
    member = CommissionMember.objects.create(
        application=application, name=name, kind=kind, centre=centre, conflict_of_interest=conflict_of_interest
    )
    audit_log(actor=actor, action="commission.member_add", target=application, changes={"member": name})
    return member


@transaction.atomic
def mentor_assign(*, application: LabelApplication, mentor: Centre, actor: User) -> Mentoring:
    """An experienced Cité accompanies the applicant."""
    from citemetiers.labelling.selectors import experienced

    _network_only(actor)
    if mentor.pk == application.centre_id:
        raise DomainError(_("A Cité does not mentor itself."), field="mentor")
    if not experienced(mentor):
        raise DomainError(_("A mentor Cité has been open for more than a year."), field="mentor")
    if application.mentorings.filter(mentor=mentor).exists():
        raise DomainError(_("This Cité already mentors the application."), field="mentor")
    mentoring = Mentoring.objects.create(application=application, mentor=mentor, assigned_on=timezone.localdate())
    audit_log(actor=actor, action="mentoring.assign", target=application, changes={"mentor": mentor.name})
    return mentoring


@transaction.atomic
def session_log(
    *,
    application: LabelApplication,
    kind: str,
    held_on: date,
    summary: str,
    attendees: int,
    actor: User,
    membership: Membership | None = None,
) -> MentoringSession:
    """A visit, call, shadowing day or training session in the mentoring log, written by either side:
    the candidate's staff, or the coordinator of a mentor Cité (`membership`, the log names which)."""
    mentoring = None
    if membership is not None and membership.user_id == actor.pk and perms.is_mentor(membership, application):
        mentoring = application.mentorings.get(mentor_id=membership.centre_id)
    else:
        _dossier_editor(actor, application)
    summary = (summary or "").strip()
    if not summary:
        raise DomainError(_("Say what was done."), field="summary")
    refuse_personal_data(summary, "summary")
    if attendees < 0:
        raise DomainError(_("Count the people attending."), field="attendees")
    session = MentoringSession.objects.create(
        application=application, mentoring=mentoring, kind=kind, held_on=held_on, summary=summary, attendees=attendees
    )
    audit_log(actor=actor, action="mentoring.session", target=application, changes={"kind": kind})
    return session


@transaction.atomic
def milestone_add(*, application: LabelApplication, title: str, weeks_before_opening: int, actor: User) -> Milestone:
    _dossier_editor(actor, application)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give it a title."), field="title")
    refuse_personal_data(title, "title")
    milestone = Milestone.objects.create(
        application=application, title=title, weeks_before_opening=weeks_before_opening
    )
    audit_log(actor=actor, action="milestone.add", target=application, changes={"title": title})
    return milestone


@transaction.atomic
def milestone_done(*, milestone: Milestone, done: bool, actor: User, on: date | None = None) -> Milestone:
    """Mark a step of the reverse plan done or not done. The form says which (not "toggle"), so that a
    double submit sets the same state twice instead of undoing itself."""
    _dossier_editor(actor, milestone.application)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if (milestone.done_on is not None) == done:
        return milestone
    milestone.done_on = (on or timezone.localdate()) if done else None
    milestone.save(update_fields=["done_on"])
    audit_log(
        actor=actor,
        action="milestone.done" if done else "milestone.undone",
        target=milestone.application,
        changes={"title": milestone.title},
    )
    return milestone


@transaction.atomic
def renewal_prepare(*, application: LabelApplication, year: int, actor: User) -> Renewal:
    """The year's renewal file, pre-filled from the Cité's own indicators (small cells suppressed)."""
    from citemetiers.labelling.selectors import renewal_figures

    _dossier_editor(actor, application)
    if application.centre is None:
        raise DomainError(_("The Cité is not opened on the platform yet: it has no figures."))
    figures = renewal_figures(application.centre, start=date(year, 1, 1), end=date(year, 12, 31))
    renewal, _created = Renewal.objects.select_for_update().get_or_create(
        application=application, year=year, defaults={"due_on": date(year + 1, 3, 31)}
    )
    renewal.figures, renewal.prepared_at = figures, timezone.now()
    renewal.save(update_fields=["figures", "prepared_at"])
    audit_log(actor=actor, action="renewal.prepare", target=application, centre=application.centre)
    return renewal
