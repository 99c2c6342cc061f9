"""The roster planner: a CP-SAT model (Google OR-Tools) of who holds which advice area when.

Pure data in, pure data out, so that the benchmark and the tests run it without a database; the
orchestration (citemetiers.rosters.planning) builds the Problem from the Cité's records.

Hard constraints: availability, one place at a time, desk capacity, the areas each adviser covers,
opening hours (only open half-days are cells), shifts locked by hand stay as they are.
Soft objectives, by weight: cover the forecast demand; give each partnership the half-days its
agreement commits; do not staff beyond demand; spread the load between advisers.
"""

from __future__ import annotations

import time as clock
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

Cell = tuple[date, str]  # (day, slot)

# Weights of the objective, in "half-days": one visitor need left uncovered outweighs everything else.
W_SHORTFALL = 1000
W_PARTNER_DEFICIT = 50
W_OVERSTAFF = 5
W_PARTNER_EXCESS = 5
W_MAX_LOAD = 10


@dataclass(frozen=True)
class Adviser:
    id: int
    partner: int | None
    areas: frozenset[int]
    available: frozenset[Cell]


@dataclass(frozen=True)
class PlannedShift:
    adviser: int
    area: int
    desk: int
    day: date
    slot: str
    locked: bool = False

    @property
    def cell(self) -> Cell:
        return (self.day, self.slot)


@dataclass
class Problem:
    cells: list[Cell]
    areas: list[int]
    advisers: list[Adviser]
    desks: dict[int, int]  # desk → advisers it holds at once
    demand: dict[tuple[int, date, str], int]  # (area, day, slot) → advisers needed
    locked: list[PlannedShift] = field(default_factory=list)
    partner_target: dict[int, int] = field(default_factory=dict)  # partner → half-days committed in the period


@dataclass
class Solution:
    shifts: list[PlannedShift]
    status: str
    objective: float
    bound: float
    seconds: float

    @property
    def gap(self) -> float:
        """The distance to the best possible roster the solver could prove, as a share of the objective."""
        if self.objective == 0:
            return 0.0
        return abs(self.objective - self.bound) / abs(self.objective)


def shortfalls(problem: Problem, shifts: list[PlannedShift]) -> dict[tuple[int, date, str], int]:
    """(area, day, slot) → advisers still needed after `shifts`."""
    planned: dict[tuple[int, date, str], int] = defaultdict(int)
    for shift in shifts:
        planned[(shift.area, shift.day, shift.slot)] += 1
    return {key: need - planned[key] for key, need in problem.demand.items() if need > planned[key]}


def coverage(problem: Problem, shifts: list[PlannedShift]) -> float:
    """Share of the forecast adviser-half-days that the roster covers (1.0 when there is no demand)."""
    need = sum(problem.demand.values())
    if need == 0:
        return 1.0
    return 1 - sum(shortfalls(problem, shifts).values()) / need


def assign_desks(problem: Problem, by_cell: dict[Cell, list[tuple[int, int]]]) -> list[PlannedShift]:
    """Seat the chosen (adviser, area) pairs of each half-day at desks, around the locked shifts."""
    shifts = list(problem.locked)
    used: dict[tuple[Cell, int], int] = defaultdict(int)
    for shift in problem.locked:
        used[(shift.cell, shift.desk)] += 1
    for cell, pairs in by_cell.items():
        for adviser, area in sorted(pairs, key=lambda pair: (pair[1], pair[0])):
            desk = next(
                (d for d, capacity in sorted(problem.desks.items()) if used[(cell, d)] < capacity),
                None,
            )
            if desk is None:  # the capacity constraint makes this unreachable; never seat two at one place
                continue
            used[(cell, desk)] += 1
            shifts.append(PlannedShift(adviser, area, desk, cell[0], cell[1]))
    return sorted(shifts, key=lambda s: (s.day, s.slot, s.area, s.adviser))


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    progress: Callable[[int], None] | None = None,
) -> Solution:
    started = clock.monotonic()
    # Imported here, not at start-up: OR-Tools costs every worker's start (and every recycle) otherwise.
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    locked_keys = {(s.adviser, s.cell) for s in problem.locked}
    cells = set(problem.cells)
    x: dict[tuple[int, int, Cell], cp_model.IntVar] = {}
    for adviser in problem.advisers:
        for cell in adviser.available & cells:
            if (adviser.id, cell) in locked_keys:
                continue  # that half-day is already decided by hand
            for area in adviser.areas:
                x[(adviser.id, area, cell)] = model.new_bool_var(f"x{adviser.id}_{area}_{cell[0]}{cell[1]}")

    by_adviser_cell: dict[tuple[int, Cell], list] = defaultdict(list)
    by_area_cell: dict[tuple[int, Cell], list] = defaultdict(list)
    by_cell: dict[Cell, list] = defaultdict(list)
    by_adviser: dict[int, list] = defaultdict(list)
    for (adviser, area, cell), var in x.items():
        by_adviser_cell[(adviser, cell)].append(var)
        by_area_cell[(area, cell)].append(var)
        by_cell[cell].append(var)
        by_adviser[adviser].append(var)
    for group in by_adviser_cell.values():
        model.add_at_most_one(group)  # one place at a time

    locked_per_cell: dict[Cell, int] = defaultdict(int)
    locked_per_area_cell: dict[tuple[int, Cell], int] = defaultdict(int)
    locked_per_adviser: dict[int, int] = defaultdict(int)
    for shift in problem.locked:
        locked_per_cell[shift.cell] += 1
        locked_per_area_cell[(shift.area, shift.cell)] += 1
        locked_per_adviser[shift.adviser] += 1
    seats = sum(problem.desks.values())
    for cell, group in by_cell.items():
        model.add(sum(group) <= max(seats - locked_per_cell[cell], 0))  # desk capacity

    terms = []
    for (area, day, slot), need in problem.demand.items():
        cell = (day, slot)
        planned = sum(by_area_cell.get((area, cell), [])) + locked_per_area_cell[(area, cell)]
        short = model.new_int_var(0, need, f"short{area}_{day}{slot}")
        over = model.new_int_var(0, len(problem.advisers), f"over{area}_{day}{slot}")
        model.add(short >= need - planned)
        model.add(over >= planned - need)
        terms += [W_SHORTFALL * short, W_OVERSTAFF * over]
    demanded = {(area, (day, slot)) for area, day, slot in problem.demand}
    for (area, cell), group in by_area_cell.items():
        if (area, cell) not in demanded:  # no visitor expected: every adviser there is surplus
            terms.append(W_OVERSTAFF * sum(group))

    partners: dict[int, list] = defaultdict(list)
    for adviser in problem.advisers:
        if adviser.partner is not None:
            partners[adviser.partner].append(adviser.id)
    for partner, target in problem.partner_target.items():
        planned = sum(v for a in partners.get(partner, []) for v in by_adviser[a]) + sum(
            locked_per_adviser[a] for a in partners.get(partner, [])
        )
        deficit = model.new_int_var(0, max(target, 0), f"deficit{partner}")
        excess = model.new_int_var(0, len(problem.cells) * len(problem.advisers), f"excess{partner}")
        model.add(deficit >= target - planned)
        model.add(excess >= planned - target)
        terms += [W_PARTNER_DEFICIT * deficit, W_PARTNER_EXCESS * excess]

    max_load = model.new_int_var(0, len(problem.cells), "max_load")
    for adviser in problem.advisers:
        model.add(max_load >= sum(by_adviser[adviser.id]) + locked_per_adviser[adviser.id])
    terms.append(W_MAX_LOAD * max_load)
    model.minimize(sum(terms))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    # Reproducible proposals: the same records give the same roster.
    solver.parameters.random_seed = 1
    # With few workers CP-SAT's default portfolio keeps a partial LP that drops "one place at a time",
    # and its bound never closes; the full LP proves rosters of a large Cité optimal within a second or
    # two (bench/rosters.py measured a 10-38 % gap at 10 s before, 0 % after).
    solver.parameters.subsolvers.append("max_lp")
    solver.parameters.linearization_level = 2

    class Progress(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            if progress is not None:
                progress(min(95, 10 + int(85 * (clock.monotonic() - started) / max(time_limit, 0.1))))

    status = solver.solve(model, Progress())
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution(list(problem.locked), name, float("nan"), float("nan"), clock.monotonic() - started)
    chosen: dict[Cell, list[tuple[int, int]]] = defaultdict(list)
    for (adviser, area, cell), var in x.items():
        if solver.value(var):
            chosen[cell].append((adviser, area))
    return Solution(
        assign_desks(problem, chosen),
        name,
        solver.objective_value,
        solver.best_objective_bound,
        clock.monotonic() - started,
    )


def greedy(problem: Problem) -> Solution:
    """The baseline: each half-day in turn, the most demanded areas first, the least loaded adviser who can."""
    started = clock.monotonic()
    load: dict[int, int] = defaultdict(int)
    busy = {(s.adviser, s.cell) for s in problem.locked}
    for shift in problem.locked:
        load[shift.adviser] += 1
    seats = sum(problem.desks.values())
    chosen: dict[Cell, list[tuple[int, int]]] = defaultdict(list)
    taken = defaultdict(int)
    for shift in problem.locked:
        taken[shift.cell] += 1
    locked_area = defaultdict(int)
    for shift in problem.locked:
        locked_area[(shift.area, shift.day, shift.slot)] += 1
    for cell in sorted(problem.cells):
        needs = sorted(
            (
                (need - locked_area[(area, *cell)], area)
                for (area, *key), need in problem.demand.items()
                if tuple(key) == cell
            ),
            reverse=True,
        )
        for need, area in needs:
            for _ in range(max(need, 0)):
                if taken[cell] >= seats:
                    break
                candidates = [
                    a for a in problem.advisers if area in a.areas and cell in a.available and (a.id, cell) not in busy
                ]
                if not candidates:
                    break
                adviser = min(candidates, key=lambda a: (load[a.id], a.id))
                chosen[cell].append((adviser.id, area))
                busy.add((adviser.id, cell))
                load[adviser.id] += 1
                taken[cell] += 1
    return Solution(assign_desks(problem, chosen), "GREEDY", float("nan"), float("nan"), clock.monotonic() - started)
