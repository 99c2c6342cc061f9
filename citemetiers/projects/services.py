"""Writes of projects: projects, members, objectives and their values, milestones, tasks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.core.personal_data import explain, find_personal_data
from citemetiers.projects.models import (
    Milestone,
    Objective,
    ObjectiveKind,
    ObjectiveValue,
    Project,
    ProjectStatus,
    Scope,
    Task,
    TaskStatus,
)
from citemetiers.projects.perms import can_create_project, can_create_task, can_edit_project, can_update_task

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre, Membership

PROJECT_FIELDS = ("title", "purpose", "scope", "lead", "starts_on", "ends_on", "status", "source")
OBJECTIVE_FIELDS = (
    "title",
    "kind",
    "metric",
    "metric_key",
    "area",
    "baseline",
    "target",
    "direction",
    "period_start",
    "period_end",
    "evidence",
    "evidence_url",
)
# Which status a task may move to from which: a done or cancelled task may be reopened.
TASK_TRANSITIONS = {
    TaskStatus.TODO: {TaskStatus.DOING, TaskStatus.DONE, TaskStatus.CANCELLED},
    TaskStatus.DOING: {TaskStatus.TODO, TaskStatus.DONE, TaskStatus.CANCELLED},
    TaskStatus.DONE: {TaskStatus.TODO, TaskStatus.DOING},
    TaskStatus.CANCELLED: {TaskStatus.TODO},
}


def refuse_personal_data(text: str | None, field: str) -> None:
    """The guard of every free text of the app, in the service too: a caller that skips the form
    (a minute's action item from the groups, a command) is refused like the form."""
    findings = find_personal_data(text or "", language=translation.get_language())
    if findings:
        raise DomainError(
            _("This text seems to contain personal data, which the Cité never keeps about visitors: %(items)s.")
            % {"items": explain(findings)},
            field=field,
        )


def _require_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give it a title."), field="title")
    refuse_personal_data(title, "title")
    return title


def _check_member(membership: Membership, *, centre: Centre, scope: str, field: str) -> None:
    # A Cité's own project is staffed from its own team; a project of several Cités or of the
    # network from the staff of any Cité and any organisation.
    if not membership.is_active:
        raise DomainError(_("This person is no longer a member of the staff."), field=field)
    if scope == Scope.CENTRE and membership.centre_id != centre.pk:
        raise DomainError(_("A project of this Cité is staffed from its own team."), field=field)


def _may_edit(project: Project, actor: User | None) -> None:
    """The lead or a coordinator of the leading Cité; no actor is the platform itself (the demo)."""
    if actor is None or project.lead.user_id == actor.pk:
        return
    membership_required(
        actor,
        project.centre_id,
        lambda membership: can_edit_project(membership, project),
        _("Only the project's lead or a coordinator of its Cité can change it."),
    )


DOCUMENT_FIELDS = ("resources", "produced_resources")


def _check_documents(centre: Centre, documents: dict[str, Iterable[Any]]) -> None:
    from citemetiers.library.models import is_readable_by

    # A project names only documents its Cité may read: another Cité's private one stays unknown to it.
    for field, resources in documents.items():
        if any(not is_readable_by(resource, centre) for resource in resources):
            raise DomainError(_("Choose documents of the library this Cité may read."), field=field)


def project_create(
    *,
    centre: Centre,
    title: str,
    purpose: str,
    scope: str,
    lead: Membership,
    actor: User | None,
    source: str | None = None,
    members: Iterable[Membership] = (),
    partner_centres: Iterable[Centre] = (),
    starts_on: date | None = None,
    ends_on: date | None = None,
    resources: Iterable[Any] = (),
    produced_resources: Iterable[Any] = (),
    status: str = ProjectStatus.ACTIVE,
) -> Project:
    """Start a project led by `lead`; its members may come from any organisation."""
    if actor is not None:
        membership_required(
            actor, centre.pk, can_create_project, _("Only coordinators and back-office staff start projects.")
        )
    title = _require_title(title)
    refuse_personal_data(purpose, "purpose")
    refuse_personal_data(source, "source")
    if scope not in Scope.values:
        raise DomainError(_("Choose the project's scope."), field="scope")
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("The end comes after the start."), field="ends_on")
    if status not in ProjectStatus.values:
        raise DomainError(_("Choose the project's status."), field="status")
    members = list(members)
    for membership in [lead, *members]:
        _check_member(membership, centre=centre, scope=scope, field="members")
    resources, produced_resources = list(resources), list(produced_resources)
    _check_documents(centre, {"resources": resources, "produced_resources": produced_resources})
    with transaction.atomic():
        project = Project.objects.create(
            centre=centre,
            title=title,
            purpose=purpose or "",
            scope=scope,
            lead=lead,
            starts_on=starts_on,
            ends_on=ends_on,
            source=source or "",
            status=status,
            created_by=actor,
        )
        project.members.set({lead, *members})
        if scope == Scope.CENTRES:
            project.partner_centres.set([c for c in partner_centres if c.pk != centre.pk])
        project.resources.set(resources)
        project.produced_resources.set(produced_resources)
        audit_log(actor=actor, action="project.create", target=project, centre=centre)
    return project


def project_update(*, project: Project, data: dict[str, Any], actor: User | None) -> Project:
    """Change a project's description, lead, dates or status; members, partners and documents too."""
    _may_edit(project, actor)
    if "title" in data:
        data["title"] = _require_title(data["title"])
    for field in ("purpose", "source"):
        if field in data:
            refuse_personal_data(data[field], field)
    if data.get("status", ProjectStatus.ACTIVE) not in ProjectStatus.values:
        raise DomainError(_("Choose the project's status."), field="status")
    scope = data.get("scope", project.scope)
    members = data.get("members")
    for membership in [data.get("lead", project.lead), *(members or [])]:
        _check_member(membership, centre=project.centre, scope=scope, field="members")
    starts_on, ends_on = data.get("starts_on", project.starts_on), data.get("ends_on", project.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_("The end comes after the start."), field="ends_on")
    _check_documents(project.centre, {name: data[name] for name in DOCUMENT_FIELDS if name in data})
    with transaction.atomic():
        project = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
        changes = diff_fields(project, {name: data[name] for name in PROJECT_FIELDS if name in data})
        for name, (_old, new) in changes.items():
            setattr(project, name, new)
        project.save()
        if members is not None:
            project.members.set({project.lead, *members})
            changes["members"] = sorted(m.pk for m in members)
        if project.scope != Scope.CENTRES and project.partner_centres.exists():
            # Out of "several Cités": the former partners must stop reading it.
            project.partner_centres.clear()
            changes["partner_centres"] = []
        elif "partner_centres" in data:
            project.partner_centres.set([c for c in data["partner_centres"] if c.pk != project.centre_id])
            changes["partner_centres"] = sorted(c.pk for c in data["partner_centres"])
        for name in DOCUMENT_FIELDS:
            if name in data:
                getattr(project, name).set(list(data[name]))
                changes[name] = sorted(r.pk for r in data[name])
        if changes:
            audit_log(actor=actor, action="project.update", target=project, centre=project.centre, changes=changes)
    return project


def _check_objective(data: dict[str, Any]) -> None:
    for field in ("evidence",):
        if field in data:
            refuse_personal_data(data[field], field)
    if data.get("kind") == ObjectiveKind.MEASURED and not data.get("metric"):
        raise DomainError(_("Choose the indicator that measures the objective."), field="metric")
    if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
        raise DomainError(_("The end comes after the start."), field="period_end")


def objective_add(*, project: Project, data: dict[str, Any], actor: User | None) -> Objective:
    """Give the project an objective: an indicator's value to reach, or a value entered with evidence."""
    _may_edit(project, actor)
    values = {name: data[name] for name in OBJECTIVE_FIELDS if name in data}
    values["title"] = _require_title(values.get("title", ""))
    _check_objective(values)
    with transaction.atomic():
        objective = Objective.objects.create(centre=project.centre, project=project, **values)
        audit_log(actor=actor, action="objective.add", target=objective, centre=project.centre)
    return objective


def objective_update(*, objective: Objective, data: dict[str, Any], actor: User | None) -> Objective:
    _may_edit(objective.project, actor)
    values = {name: data[name] for name in OBJECTIVE_FIELDS if name in data}
    if "title" in values:
        values["title"] = _require_title(values["title"])
    _check_objective({"kind": objective.kind, "metric": objective.metric, **values})
    with transaction.atomic():
        objective = Objective.objects.select_for_update(of=("self",)).get(pk=objective.pk)
        changes = diff_fields(objective, values)
        for name, (_old, new) in changes.items():
            setattr(objective, name, new)
        objective.save()
        if changes:
            audit_log(
                actor=actor, action="objective.update", target=objective, centre=objective.centre, changes=changes
            )
    return objective


def objective_value_record(
    *,
    objective: Objective,
    value: float,
    recorded_on: date | None = None,
    evidence: str = "",
    evidence_url: str = "",
    actor: User | None,
) -> ObjectiveValue:
    """Write down the value an objective reached on a day (a manual one needs its evidence); one value
    a day, the latest replacing the day's earlier one."""
    _may_edit(objective.project, actor)
    refuse_personal_data(evidence, "evidence")
    if objective.kind == ObjectiveKind.MANUAL and not (evidence.strip() or evidence_url.strip()):
        raise DomainError(_("Say where the value comes from: a text or a link."), field="evidence")
    recorded_on = recorded_on or timezone.localdate()
    with transaction.atomic():
        entry, _created = ObjectiveValue.objects.update_or_create(
            objective=objective,
            recorded_on=recorded_on,
            defaults={
                "centre": objective.centre,
                "value": value,
                "evidence": evidence,
                "evidence_url": evidence_url,
                "created_by": actor,
            },
        )
        audit_log(
            actor=actor,
            action="objective.value_record",
            target=objective,
            centre=objective.centre,
            changes={"value": value, "recorded_on": recorded_on},
        )
    return entry


def milestone_add(*, project: Project, title: str, due_on: date, actor: User | None) -> Milestone:
    _may_edit(project, actor)
    title = _require_title(title)
    if due_on is None:
        raise DomainError(_("Give the milestone a date."), field="due_on")
    with transaction.atomic():
        milestone = Milestone.objects.create(centre=project.centre, project=project, title=title, due_on=due_on)
        audit_log(actor=actor, action="milestone.add", target=milestone, centre=project.centre)
    return milestone


def milestone_set_done(*, milestone: Milestone, done: bool, actor: User | None, on: date | None = None) -> Milestone:
    """Mark a milestone reached (on a day, today by default) or not yet reached."""
    _may_edit(milestone.project, actor)
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update(of=("self",)).get(pk=milestone.pk)
        done_on = (on or timezone.localdate()) if done else None
        if milestone.done_on != done_on:
            changes = {"done_on": [milestone.done_on, done_on]}
            milestone.done_on = done_on
            milestone.save(update_fields=["done_on"])
            audit_log(
                actor=actor, action="milestone.set_done", target=milestone, centre=milestone.centre, changes=changes
            )
    return milestone


def _check_owner(owner: Membership, *, centre: Centre, project: Project | None) -> None:
    if not owner.is_active:
        raise DomainError(_("This person is no longer a member of the staff."), field="owner")
    if owner.centre_id == centre.pk:
        return
    # Someone of another Cité owns a task only in a project they are a member of. The link table, not
    # `project.members`: the latter reads memberships in the page's Cité's scope, which hides them.
    through: Any = Project.members.through
    if (
        project is None
        or project.scope == Scope.CENTRE
        or not through.objects.filter(project=project, membership=owner).exists()
    ):
        raise DomainError(_("Give the task to a member of this Cité or of the project."), field="owner")


def task_create(
    *,
    centre: Centre,
    title: str,
    owner: Membership,
    due_on: date | None,
    actor: User | None,
    project: Project | None = None,
    source: str | None = None,
) -> Task:
    """Write down an action item for `owner`, due on a day, for a project or on its own; `source` says
    what produced it (a meeting's minutes, an evaluator's finding)."""
    if actor is not None:
        membership_required(actor, centre.pk, can_create_task, _("Only the Cité's staff write down tasks."))
    title = _require_title(title)
    refuse_personal_data(source, "source")
    if project is not None and not Project.objects.visible_to(centre).filter(pk=project.pk).exists():
        raise DomainError(_("Choose one of the projects this Cité takes part in."), field="project")
    _check_owner(owner, centre=centre, project=project)
    with transaction.atomic():
        task = Task.objects.create(
            centre=centre,
            title=title,
            owner=owner,
            due_on=due_on,
            project=project,
            source=source or "",
            created_by=actor,
        )
        audit_log(actor=actor, action="task.create", target=task, centre=centre)
    return task


def _may_update_task(task: Task, actor: User | None) -> None:
    if actor is None or task.owner.user_id == actor.pk:
        return
    if task.project is not None and task.project.lead.user_id == actor.pk:
        return
    membership_required(
        actor,
        task.centre_id,
        lambda membership: can_update_task(membership, task),
        _("Only the task's owner, its project's lead or a coordinator can change it."),
    )


def task_update(*, task: Task, data: dict[str, Any], actor: User | None) -> Task:
    """Rewrite a task's title, owner or due date."""
    _may_update_task(task, actor)
    values: dict[str, Any] = {name: data[name] for name in ("title", "owner", "due_on") if name in data}
    if "title" in values:
        values["title"] = _require_title(values["title"])
    if "owner" in values:
        _check_owner(values["owner"], centre=task.centre, project=task.project)
    with transaction.atomic():
        task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
        changes = diff_fields(task, values)
        for name, (_old, new) in changes.items():
            setattr(task, name, new)
        task.save()
        if changes:
            audit_log(actor=actor, action="task.update", target=task, centre=task.centre, changes=changes)
    return task


def task_set_status(*, task: Task, status: str, actor: User | None) -> Task:
    """Move a task on (to do, in progress, done, cancelled); a move the table does not allow is refused."""
    _may_update_task(task, actor)
    with transaction.atomic():
        # Locked: the owner ticking it done while a colleague cancels it keep one history.
        task = Task.objects.select_for_update(of=("self",)).get(pk=task.pk)
        if status == task.status:
            return task
        if status not in TASK_TRANSITIONS.get(TaskStatus(task.status), set()):
            raise DomainError(_("This task cannot move to that status."), field="status")
        changes = {"status": [task.status, status]}
        task.status = status
        task.completed_at = timezone.now() if status == TaskStatus.DONE else None
        task.save(update_fields=["status", "completed_at"])
        audit_log(actor=actor, action="task.set_status", target=task, centre=task.centre, changes=changes)
    return task


__all__ = [
    "NotPermitted",
    "milestone_add",
    "milestone_set_done",
    "objective_add",
    "objective_update",
    "objective_value_record",
    "project_create",
    "project_update",
    "refuse_personal_data",
    "task_create",
    "task_set_status",
    "task_update",
]
