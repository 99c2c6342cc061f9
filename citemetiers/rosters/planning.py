"""The planner's orchestration: the problem built from a Cité's records, the solve with its progress,
and the proposal's result (what the page explains). The solver itself is `planner.py`; the
background task that runs `proposal_run` is `tasks.py`.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Centre, Membership, Partnership
from citemetiers.core.background import job_claim, job_done, job_failed, job_progress
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters import planner
from citemetiers.rosters.checks import violations
from citemetiers.rosters.forecast import Forecast, demand_forecast
from citemetiers.rosters.models import Desk, Proposal, Shift
from citemetiers.rosters.selectors import areas_covered, available_cells, busy_with_events
from citemetiers.rosters.slots import SlotHours, open_cells


def _advisers(centre: Centre) -> list[Membership]:
    return list(
        Membership.objects.active().for_centre(centre).with_role(Role.ADVISER).select_related("user", "organisation")
    )


def build_problem(
    centre: Centre, starts_on: date, ends_on: date, *, today: date | None = None
) -> tuple[planner.Problem, Forecast, dict[planner.Cell, SlotHours]]:
    """The planner's view of the Cité for a period, and what explains its figures (forecast, slot hours)."""
    today = today or timezone.localdate()
    cells = open_cells(centre, starts_on, ends_on)
    areas = list(AdviceArea.objects.for_centre(centre).active())
    forecast = demand_forecast(centre, today=today)
    demand = {}
    for (day, slot), hours in cells.items():
        for area in areas:
            need = forecast.advisers_needed(area.pk, day, slot, hours.minutes)
            if need:
                demand[(area.pk, day, slot)] = need
    members = _advisers(centre)
    # Facilitating an event is not being on duty: those half-days are not offered to the planner.
    facilitating = busy_with_events(centre, cells, user_ids=[member.user_id for member in members])
    advisers = [
        planner.Adviser(
            id=member.pk,
            partner=member.organisation_id,
            areas=frozenset(areas_covered(member) & {a.pk for a in areas}),
            available=frozenset(
                (available_cells(member, starts_on, ends_on) & set(cells)) - facilitating.get(member.user_id, set())
            ),
        )
        for member in members
    ]
    desks = {desk.pk: desk.capacity for desk in Desk.objects.for_centre(centre).filter(is_active=True)}
    locked = [
        planner.PlannedShift(s.membership_id, s.area_id, s.desk_id, s.date, s.slot, locked=True)
        for s in Shift.objects.for_centre(centre).filter(date__range=(starts_on, ends_on), locked=True)
    ]
    # A partnership commits hours a month: the share of the period, in the Cité's average half-days.
    mean_minutes = sum(h.minutes for h in cells.values()) / len(cells) if cells else 210
    open_days = len({day for day, _slot in cells})
    targets: dict[int, int] = defaultdict(int)
    partner_ids = {m.organisation_id for m in members if m.organisation_id}
    for partnership in (
        Partnership.objects.for_centre(centre).current(on=starts_on).filter(organisation_id__in=partner_ids)
    ):
        days_in_month = 21  # opening days of a month, roughly: the commitment is spread over them
        hours = partnership.adviser_hours_per_month * min(open_days / days_in_month, 3)
        targets[partnership.organisation_id] += round(hours * 60 / mean_minutes)
    problem = planner.Problem(
        cells=sorted(cells),
        areas=[a.pk for a in areas],
        advisers=advisers,
        desks=desks,
        demand=demand,
        locked=locked,
        partner_target=dict(targets),
    )
    return problem, forecast, cells


def _solve_with_progress(
    problem: planner.Problem, time_limit: float, progress: Callable[[int], None]
) -> planner.Solution:
    """Solve in a thread of its own while this one, which holds the database connection, reports progress."""
    solutions: list[planner.Solution] = []
    errors: list[Exception] = []

    def work() -> None:
        try:
            solutions.append(planner.solve(problem, time_limit=time_limit))
        except Exception as error:  # handed over to the caller, who records the failure
            errors.append(error)

    started = timezone.now()
    worker = threading.Thread(target=work, name="roster-solver", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.5)
        elapsed = (timezone.now() - started).total_seconds()
        progress(min(95, 10 + int(85 * elapsed / max(time_limit, 0.1))))
    if errors:
        raise errors[0]
    return solutions[0]


def proposal_run(proposal_pk: int, *, centre: Centre | None = None, time_limit: float | None = None) -> Proposal | None:
    """Compute a queued proposal (of `centre`, when given), unless another process already took it."""
    claim = job_claim(Proposal, proposal_pk, **({"centre_id": centre.pk} if centre else {}))
    if claim is None:
        return None
    proposal = Proposal.objects.select_related("centre").get(pk=proposal_pk)
    progress = job_progress(Proposal, proposal_pk, claim)
    try:
        problem, forecast, _cells = build_problem(proposal.centre, proposal.starts_on, proposal.ends_on)
        progress(10)
        solution = _solve_with_progress(problem, time_limit or settings.ROSTER_SOLVER_SECONDS, progress)
        if solution.status not in {"OPTIMAL", "FEASIBLE"}:
            # No roster was found (no time to find one, or locked shifts that cannot all hold):
            # nothing to propose, and above all nothing that would empty the roster if published.
            raise RuntimeError(f"the solver found no roster ({solution.status})")
        broken = violations(problem, solution.shifts)
        if broken:  # the solver and the checker disagree: publish nothing
            raise RuntimeError("; ".join(broken[:5]))
        # Written only while this attempt holds the proposal (core/background.py): a late worker
        # cannot bring a proposal published since back to "ready".
        job_done(Proposal, proposal_pk, claim, result=_result(problem, forecast, solution, planner.greedy(problem)))
    except Exception as error:
        job_failed(Proposal, proposal_pk, claim, error)
    return Proposal.objects.get(pk=proposal_pk)


def _result(
    problem: planner.Problem, forecast: Forecast, solution: planner.Solution, baseline: planner.Solution
) -> dict[str, Any]:
    planned: defaultdict[tuple[int, date, str], int] = defaultdict(int)
    for shift in solution.shifts:
        planned[(shift.area, shift.day, shift.slot)] += 1
    available: defaultdict[tuple[int, date, str], int] = defaultdict(int)
    for adviser in problem.advisers:
        for cell in adviser.available:
            for area in adviser.areas:
                available[(area, *cell)] += 1
    unmet = [
        {
            "area": area,
            "date": day.isoformat(),
            "slot": slot,
            "expected": round(forecast.visitors(area, day, slot), 1),
            "needed": need,
            "planned": planned[(area, day, slot)],
            "available": available[(area, day, slot)],
        }
        for (area, day, slot), need in sorted(problem.demand.items(), key=lambda i: (i[0][1], i[0][2], i[0][0]))
        if planned[(area, day, slot)] < need
    ]
    return {
        "shifts": [
            {
                "membership": s.adviser,
                "area": s.area,
                "desk": s.desk,
                "date": s.day.isoformat(),
                "slot": s.slot,
                "locked": s.locked,
            }
            for s in solution.shifts
        ],
        "unmet": unmet,
        "status": solution.status,
        "objective": solution.objective,
        "bound": solution.bound,
        "gap": solution.gap,
        "seconds": round(solution.seconds, 2),
        "coverage": planner.coverage(problem, solution.shifts),
        "greedy_coverage": planner.coverage(problem, baseline.shifts),
    }
