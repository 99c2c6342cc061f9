"""Reads of projects: what a Cité sees, an objective's value read live, the progress roll-up, my tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from citemetiers.centres.models import Membership
from citemetiers.centres.tenancy import centre_scope, own_memberships
from citemetiers.indicators import selectors as indicators
from citemetiers.projects.models import (
    OPEN_STATUSES,
    Direction,
    Milestone,
    Objective,
    ObjectiveKind,
    Project,
    Task,
)

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# The roll-up weighs the objectives and the milestones equally when a project has both.
OBJECTIVES_WEIGHT = 0.5


def projects_visible(centre: Centre) -> QuerySet[Project]:
    """The projects a Cité's staff see: its own, those of several Cités it takes part in, the network's."""
    return (
        Project.objects.visible_to(centre)
        .select_related("centre", "lead__user", "lead__organisation")
        .prefetch_related("objectives", "milestones")
        .order_by("status", "-created_at", "pk")
    )


def project_detail(centre: Centre, pk: int) -> Project | None:
    return (
        Project.objects.visible_to(centre)
        .select_related("centre", "lead__user", "lead__organisation", "lead__centre")
        .prefetch_related(
            Prefetch(
                "members",
                Membership.objects.select_related("user", "organisation", "centre").order_by("user__full_name"),
            ),
            "partner_centres",
            "resources__translations",
            Prefetch("objectives", Objective.objects.select_related("area").prefetch_related("values")),
            "milestones",
            Prefetch("tasks", Task.objects.select_related("owner__user", "owner__organisation")),
        )
        .filter(pk=pk)
        .first()
    )


def _month_end(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)


def measured_value(objective: Objective, *, until: date | None = None) -> float:
    """The indicator's sum over the objective's period so far, read live from the indicators engine."""
    end = min(until or timezone.localdate(), objective.period_end)
    if end < objective.period_start:
        return 0
    totals = indicators.totals(
        centre=objective.project.centre,
        start=objective.period_start,
        end=end,
        area=objective.area,
        metrics=[objective.metric],
    )
    return totals.count(objective.metric, objective.metric_key)


def current_value(objective: Objective) -> float | None:
    """A measured objective's live value; a manual one's latest entered value (None before any)."""
    if objective.kind == ObjectiveKind.MEASURED:
        return measured_value(objective)
    values = list(objective.values.all())
    return values[-1].value if values else None


def share_reached(objective: Objective, value: float | None) -> float:
    """How far from baseline to target the value has come, between 0 and 1 (capped: overshooting one
    objective does not make up for another)."""
    if value is None:
        return 0.0
    span = objective.target - objective.baseline
    if objective.direction == Direction.DECREASE:
        span, moved = -span, objective.baseline - value
    else:
        moved = value - objective.baseline
    if span <= 0:
        return 1.0 if moved >= 0 else 0.0
    return max(0.0, min(1.0, moved / span))


@dataclass
class Progress:
    objectives: float | None
    milestones: float | None

    @property
    def overall(self) -> float:
        parts = [p for p in (self.objectives, self.milestones) if p is not None]
        if not parts:
            return 0.0
        if self.objectives is None or self.milestones is None:
            return parts[0]
        return OBJECTIVES_WEIGHT * self.objectives + (1 - OBJECTIVES_WEIGHT) * self.milestones

    @property
    def percent(self) -> int:
        return round(100 * self.overall)


def progress(objective_shares: list[float], milestones: list[Milestone]) -> Progress:
    """The project's progress: the mean share of its objectives' targets reached, and the share of its
    milestones done (Decidim's accountability roll-up)."""
    objectives = sum(objective_shares) / len(objective_shares) if objective_shares else None
    done = sum(1 for m in milestones if m.done_on is not None)
    return Progress(objectives=objectives, milestones=done / len(milestones) if milestones else None)


def objective_history(objective: Objective) -> list[tuple[date, float]]:
    """The objective's value at the end of each month of its period so far (the chart's points):
    the indicator summed from the period's start for a measured one, the entered values for a manual one."""
    if objective.kind == ObjectiveKind.MANUAL:
        return [(v.recorded_on, v.value) for v in objective.values.all()]
    today = timezone.localdate()
    points, month = [], objective.period_start.replace(day=1)
    while month <= min(today, objective.period_end):
        end = min(_month_end(month), today, objective.period_end)
        points.append((end.replace(day=1), measured_value(objective, until=end)))
        month = end.replace(day=1) + timedelta(days=32)
        month = month.replace(day=1)
    return points


def my_memberships(user: User) -> list[Membership]:
    with own_memberships():
        # The person's own rows in every Cité they work for: My tasks gathers their tasks of each.
        return list(Membership.objects.active().filter(user=user).select_related("centre"))


def my_tasks(user: User, *, open_only: bool = True) -> list[Task]:
    """A person's tasks in every Cité they belong to (and the network's projects), by due date; each
    Cité's read in its own scope."""
    tasks: list[Task] = []
    for membership in my_memberships(user):
        with centre_scope(membership.centre):
            rows = Task.objects.filter(owner=membership).select_related("project", "centre")
            if open_only:
                rows = rows.filter(status__in=OPEN_STATUSES)
            tasks += list(rows)
    return sorted(tasks, key=lambda t: (t.due_on is None, t.due_on or date.max, t.pk))


def tasks_of_centre(centre: Centre) -> QuerySet[Task]:
    return (
        Task.objects.for_centre(centre)
        .select_related("project", "owner__user", "owner__organisation")
        .order_by("status", "due_on", "pk")
    )
