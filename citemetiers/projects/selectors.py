"""Reads of projects: what a Cité sees, an objective's value read live, the progress roll-up, my tasks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from citemetiers.centres.models import Centre as CentreModel
from citemetiers.centres.models import Membership
from citemetiers.centres.tenancy import centre_scope, own_memberships
from citemetiers.indicators import selectors as indicators
from citemetiers.indicators import services as indicators_services
from citemetiers.library import selectors as library
from citemetiers.projects.models import (
    ADOPTED_DOCUMENTS,
    ADOPTION_METRICS,
    OPEN_STATUSES,
    Direction,
    Milestone,
    Objective,
    ObjectiveKind,
    Project,
    Scope,
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
        .prefetch_related(Prefetch("objectives", Objective.objects.prefetch_related("values")), "milestones")
        .order_by("status", "-created_at", "pk")
    )


def project_of(centre: Centre, pk: int) -> Project | None:
    """A project the Cité sees, with its Cité and lead (who may edit it): what a form hung on it needs,
    without what its page shows (objectives, tasks, documents: eight reads of `project_detail`)."""
    return (
        Project.objects.visible_to(centre)
        .select_related("centre", "lead__user", "lead__organisation", "lead__centre")
        .filter(pk=pk)
        .first()
    )


def project_detail(centre: Centre, pk: int) -> Project | None:
    return (
        Project.objects.visible_to(centre)
        .select_related("centre", "lead__user", "lead__organisation", "lead__centre")
        .prefetch_related(
            "partner_centres",
            "resources__translations",
            "produced_resources__translations",
            Prefetch("objectives", Objective.objects.select_related("area").prefetch_related("values")),
            "milestones",
            Prefetch("tasks", Task.objects.select_related("centre", "owner__user", "owner__organisation")),
        )
        .filter(pk=pk)
        .first()
    )


def _memberships_by_centre(pairs: Iterable[tuple[int, int]]) -> list[Membership]:
    """Memberships named by (centre id, membership id) pairs, each Cité's read in its own scope."""
    by_centre: dict[int, set[int]] = {}
    for centre_id, membership_id in pairs:
        by_centre.setdefault(centre_id, set()).add(membership_id)
    found: list[Membership] = []
    for centre in CentreModel.objects.filter(pk__in=by_centre).order_by("pk"):
        with centre_scope(centre):
            found += list(
                Membership.objects.filter(pk__in=by_centre[centre.pk]).select_related("user", "organisation", "centre")
            )
    return found


def project_members(project: Project) -> list[Membership]:
    """A project's members from every Cité, by name: a partner Cité's member is read in that Cité's
    scope (the viewer's own would hide them, and an edit would then drop them)."""
    # The link table carries no scope of its own: it says who, each Cité's scope then reads them.
    through: Any = Project.members.through
    pairs = through.objects.filter(project=project).values_list("membership__centre_id", "membership_id")
    return sorted(_memberships_by_centre(pairs), key=lambda m: (m.user.full_name, m.pk))


def staff_to_choose(centre: Centre, project: Project | None = None) -> list[Membership]:
    """Who may lead or join a project from `centre`'s pages: its own active staff; for a project of
    several Cités, its partner Cités' active staff too; and whoever is already a member or the lead."""
    staff = list(Membership.objects.for_centre(centre).active().select_related("user", "organisation", "centre"))
    if project is not None and project.scope == Scope.CENTRES:
        for partner in project.partner_centres.all():
            with centre_scope(partner):
                staff += list(
                    Membership.objects.for_centre(partner).active().select_related("user", "organisation", "centre")
                )
    if project is not None:
        # The lead comes with the project (a join reads it whichever Cité employs them).
        staff += [*project_members(project), project.lead]
    unique = {m.pk: m for m in staff}
    return sorted(unique.values(), key=lambda m: (m.user.full_name, m.pk))


def task_owners_to_choose(centre: Centre, project: Project | None = None) -> list[Membership]:
    """Who a task written from `centre`'s pages may be given to (the rule of services._check_owner):
    the Cité's own active staff; for a project of several Cités or of the network, its active members
    from whichever Cité employs them."""
    owners = list(Membership.objects.for_centre(centre).active().select_related("user", "organisation", "centre"))
    if project is not None and project.scope != Scope.CENTRE:
        owners += [m for m in project_members(project) if m.is_active]
    unique = {m.pk: m for m in owners}
    return sorted(unique.values(), key=lambda m: (m.user.full_name, m.pk))


def _leaves_its_cite(objective: Objective, viewer: Centre | None) -> bool:
    # A partner Cité reading a project led by another reads that Cité's figures: they leave it.
    return viewer is not None and viewer.pk != objective.centre_id


def measured_value(objective: Objective, *, until: date | None = None, viewer: Centre | None = None) -> float | None:
    """The indicator's sum over the objective's period so far, read live from the indicators engine in
    the objective's own Cité (whoever looks); None for another Cité when it rests on a small cell."""
    end = min(until or timezone.localdate(), objective.period_end)
    if end < objective.period_start:
        return 0
    if _by_adoptions(objective):
        return len(_adoption_days([objective], today=end)[0])
    centre = _objective_centre(objective)
    with centre_scope(centre):
        totals = indicators.totals(
            centre=centre,
            start=objective.period_start,
            end=end,
            area=objective.area,
            metrics=[objective.metric, "visits"],
        )
    value = totals.count(objective.metric, objective.metric_key)
    return indicators.suppress(value, totals.visits) if _leaves_its_cite(objective, viewer) else value


def _indicator_periods(
    objectives: list[Objective], *, viewer: Centre | None, today: date
) -> dict[int, tuple[Centre, dict]]:
    """The indicators' periods of the objectives measured by them, by the Cité they are measured in:
    ("value", i) for the i-th objective, and ("visits", i) when its figure leaves its Cité (the
    small-cell rule needs the visits behind it)."""
    by_centre: dict[int, tuple[Centre, dict]] = {}
    for index, objective in enumerate(objectives):
        if objective.kind != ObjectiveKind.MEASURED or _by_adoptions(objective):
            continue
        centre = _objective_centre(objective)
        periods = by_centre.setdefault(centre.pk, (centre, {}))[1]
        end = min(today, objective.period_end)
        start, area_id = objective.period_start, objective.area_id
        periods["value", index] = indicators.Period(start, end, objective.metric, objective.metric_key, area_id)
        if _leaves_its_cite(objective, viewer):
            periods["visits", index] = indicators.Period(start, end, "visits", "", area_id)
    return by_centre


def current_values(objectives: list[Objective], *, viewer: Centre | None = None) -> list[float | None]:
    """`current_value` of many objectives (a list of projects) in a few grouped reads per Cité they are
    measured in, not one `totals()` each; the same sums and the same small-cell rule."""
    today = timezone.localdate()
    by_centre = _indicator_periods(objectives, viewer=viewer, today=today)
    sums: dict = {}
    for centre, periods in by_centre.values():
        with centre_scope(centre):
            indicators_services.refresh_changed(centre=centre)
            sums.update(indicators.period_sums(centre=centre, periods=periods))
    adoptions = _adoption_days(objectives, today=today)
    values: list[float | None] = []
    for index, objective in enumerate(objectives):
        if _by_adoptions(objective):
            values.append(len(adoptions[index]))
        elif objective.kind != ObjectiveKind.MEASURED:
            entered = list(objective.values.all())
            values.append(entered[-1].value if entered else None)
        elif ("visits", index) in sums:
            values.append(indicators.suppress(sums[("value", index)], sums[("visits", index)]))
        else:
            values.append(sums[("value", index)])
    return values


def current_value(objective: Objective, *, viewer: Centre | None = None) -> float | None:
    """A measured objective's live value; a manual one's latest entered value (None before any)."""
    if objective.kind == ObjectiveKind.MEASURED:
        return measured_value(objective, viewer=viewer)
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


def _objective_centre(objective: Objective) -> Centre:
    # The project's Cité, read with it (an objective is its project's Cité's), without a query of its own.
    project = objective.project
    return project.centre if project.centre_id == objective.centre_id else objective.centre


def _by_adoptions(objective: Objective) -> bool:
    return objective.kind == ObjectiveKind.MEASURED and objective.metric in ADOPTION_METRICS


def _adoption_days(objectives: list[Objective], *, today: date) -> list[list[date]]:
    """For each objective measured by adoptions (an empty list for the others), the day each resource
    it counts was first adopted by another Cité within its period so far, in order: the Cité's own
    resources, or the documents its project produced. One read of the library per Cité the objectives
    are measured in, and one of the projects' documents, whatever the number of objectives."""
    days: list[list[date]] = [[] for _ in objectives]
    wanted = [(index, o) for index, o in enumerate(objectives) if _by_adoptions(o)]
    produced: dict[int, set[int]] = {}
    projects = {o.project_id for _index, o in wanted if o.metric == ADOPTED_DOCUMENTS}
    if projects:
        # The link table carries no scope: it says which documents, the Cité's scope then reads them.
        through: Any = Project.produced_resources.through
        for project_id, resource_id in through.objects.filter(project__in=projects).values_list(
            "project_id", "resource_id"
        ):
            produced.setdefault(project_id, set()).add(resource_id)
    by_centre: dict[int, tuple[Centre, list[tuple[int, Objective]]]] = {}
    for index, objective in wanted:
        if objective.period_start <= min(today, objective.period_end):
            centre = _objective_centre(objective)
            by_centre.setdefault(centre.pk, (centre, []))[1].append((index, objective))
    for centre, group in by_centre.values():
        documents = {r for _index, o in group if o.metric == ADOPTED_DOCUMENTS for r in produced.get(o.project_id, ())}
        # Measured in the objective's own Cité, whoever looks. No small-cell rule: an adoption is no
        # visitor's figure, and the library shows every Cité who adopted what.
        with centre_scope(centre):
            rows = library.adoptions_by_other_cites(
                centre=centre,
                start=min(o.period_start for _index, o in group),
                end=min(today, max(o.period_end for _index, o in group)),
                resources=sorted(documents),
            )
        for index, objective in group:
            end = min(today, objective.period_end)
            counted = (
                produced.get(objective.project_id, set())
                if objective.metric == ADOPTED_DOCUMENTS
                else {resource for resource, author, _day in rows if author == centre.pk}
            )
            first: dict[int, date] = {}
            for resource, _author, day in rows:
                if resource in counted and objective.period_start <= day <= end:
                    first.setdefault(resource, day)
            days[index] = sorted(first.values())
    return days


def _months(start: date, end: date) -> list[date]:
    """The first day of each month from `start`'s to `end`'s."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _adoption_history(objective: Objective, days: list[date], *, today: date) -> list[tuple[date, float | None]]:
    end = min(today, objective.period_end)
    return [
        (month, sum(1 for day in days if (day.year, day.month) <= (month.year, month.month)))
        for month in _months(objective.period_start, end)
    ]


def _measured_history(objective: Objective, viewer: Centre | None) -> list[tuple[date, float | None]]:
    today = timezone.localdate()
    end = min(today, objective.period_end)
    if end < objective.period_start:
        return []
    centre = _objective_centre(objective)
    # Each objective in its own Cité's scope: a partner Cité's page would read its own rows otherwise.
    with centre_scope(centre):
        months = indicators.monthly_totals(
            centre=centre,
            start=objective.period_start,
            end=end,
            area=objective.area,
            metrics=[objective.metric, "visits"],
        )
    return _cumulated(
        objective,
        {month: totals.count(objective.metric, objective.metric_key) for month, totals in months.items()},
        {month: totals.visits for month, totals in months.items()} if _leaves_its_cite(objective, viewer) else None,
        end=end,
    )


def _cumulated(
    objective: Objective, values: dict[date, int], visits: dict[date, int] | None, *, end: date
) -> list[tuple[date, float | None]]:
    """The chart's points: the sum from the period's start to the end of each month; with `visits` (the
    page of another Cité), a point resting on a small cell is None."""
    if end < objective.period_start:
        return []
    points: list[tuple[date, float | None]] = []
    value = seen = 0
    for month in _months(objective.period_start, end):
        value += values.get(month, 0)
        if visits is None:
            points.append((month, value))
        else:
            seen += visits.get(month, 0)
            points.append((month, indicators.suppress(value, seen)))
    return points


def objective_history(objective: Objective, *, viewer: Centre | None = None) -> list[tuple[date, float | None]]:
    """The objective's value at the end of each month of its period so far (the chart's points):
    the indicator summed from the period's start for a measured one, read in one grouped query, the
    entered values for a manual one. A point another Cité may not read (a small cell) is None."""
    if objective.kind == ObjectiveKind.MANUAL:
        return [(v.recorded_on, v.value) for v in objective.values.all()]
    if _by_adoptions(objective):
        today = timezone.localdate()
        return _adoption_history(objective, _adoption_days([objective], today=today)[0], today=today)
    return _measured_history(objective, viewer)


def objective_readings(objectives: list[Objective], *, viewer: Centre | None) -> list[tuple[float | None, list]]:
    """Each objective's value and its chart's points for a page of `viewer`: a measured objective's
    value is its history's last point; every series of a Cité read together (at most three grouped
    reads, `indicators.period_monthly_sums`), each Cité's changed days brought up to date once."""
    today = timezone.localdate()
    by_centre = _indicator_periods(objectives, viewer=viewer, today=today)
    series: dict = {}
    for centre, periods in by_centre.values():
        # Each objective in its own Cité's scope: a partner Cité's page would read its own rows otherwise.
        with centre_scope(centre):
            indicators_services.refresh_changed(centre=centre)
            series.update(indicators.period_monthly_sums(centre=centre, periods=periods))
    adoptions = _adoption_days(objectives, today=today)
    readings: list[tuple[float | None, list]] = []
    for index, objective in enumerate(objectives):
        if objective.kind == ObjectiveKind.MANUAL:
            readings.append((current_value(objective), objective_history(objective)))
        elif _by_adoptions(objective):
            readings.append((len(adoptions[index]), _adoption_history(objective, adoptions[index], today=today)))
        else:
            history = _cumulated(
                objective, series["value", index], series.get(("visits", index)), end=min(today, objective.period_end)
            )
            readings.append((history[-1][1] if history else 0, history))
    return readings


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
