"""Roster planner at the scale of a large Cité: CP-SAT against the greedy baseline, on a seeded month.

    .venv/bin/python bench/rosters.py [--seed 20270601 --time-limit 10 --workers 2 --runs 3 --explore]

Each run draws one month (June 2027: 22 weekdays am and pm, 4 Saturday mornings, 48 half-days) from
its own seed: 50 advisers of 12 partner organisations of uneven size, each covering 1–3 of the 6 advice
areas of its partner's speciality, on fixed weekly half-days (2–6 a week, a few part-timers with 1–2),
some with a week of leave or a day off; 10 desks and one room for two; demand per area and half-day
from a weekly pattern (busy Tuesday and Thursday, mornings) with noise; 10 shifts locked by hand;
partner targets from the hours each agreement commits a month (3.5 h a half-day).
No database: the planner and the checker are pure Python. Both rosters go through checks.violations();
any violation stops the script. With --explore (or when the gap misses its target), each month is
solved again for longer, with more workers, with the full LP relaxation and without the max-load term.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
from collections import Counter
from datetime import date, timedelta
from importlib.metadata import version
from pathlib import Path

from ortools.sat.python import cp_model

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citemetiers.rosters import planner  # noqa: E402 -- needs ROOT on the path
from citemetiers.rosters.checks import violations  # noqa: E402
from citemetiers.rosters.planner import Adviser, PlannedShift, Problem, greedy, shortfalls, solve  # noqa: E402

AREAS = {1: "job search", 2: "guidance", 3: "training", 4: "business creation", 5: "work-study", 6: "career change"}
AREA_LOAD = {1: 3.0, 2: 1.6, 3: 1.8, 4: 0.9, 5: 1.3, 6: 1.3}  # advisers needed on an average half-day
DAY_LOAD = {0: 1.0, 1: 1.3, 2: 0.85, 3: 1.3, 4: 0.8, 5: 0.75}  # Monday … Saturday
SLOT_LOAD = {"am": 1.15, "pm": 0.85}  # visitors come late in the morning rather than after lunch
# (name, advisers, hours committed a month, areas of its speciality: the first is always covered)
PARTNERS = [
    ("France Travail", 12, 320, (1, 3, 6)),
    ("Mission locale", 7, 200, (5, 1, 2)),
    ("Apec", 5, 130, (1, 6)),
    ("CIO", 5, 140, (2, 5)),
    ("Chambre de métiers", 4, 100, (4, 5)),
    ("CCI", 4, 90, (4, 3, 5)),
    ("Cap emploi", 3, 80, (1, 3)),
    ("Transitions Pro", 3, 90, (6, 3)),
    ("CIDFF", 2, 40, (2, 1)),
    ("BGE", 2, 50, (4,)),
    ("École de la 2e chance", 2, 40, (5, 2)),
    ("SNC", 1, 20, (1,)),
]
WEEK = [(weekday, slot) for weekday in range(5) for slot in ("am", "pm")] + [(5, "am")]
FIRST_DAY, LAST_DAY = date(2027, 6, 1), date(2027, 6, 30)
DESKS = {**dict.fromkeys(range(1, 11), 1), 11: 2}  # ten desks, one room where two advisers sit
LOCKED = 10


def month(seed: int) -> Problem:
    """One month of a large Cité, the same for the same seed."""
    rng = random.Random(seed)
    days = [FIRST_DAY + timedelta(n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    cells = [(day, slot) for day in days for slot in ("am", "pm") if (day.weekday(), slot) in WEEK]
    mondays = sorted({day - timedelta(day.weekday()) for day, _slot in cells})
    advisers = []
    for partner, (_name, size, _hours, speciality) in enumerate(PARTNERS, start=1):
        for _ in range(size):
            extra = rng.sample(speciality[1:], rng.randint(0, min(2, len(speciality) - 1)))
            per_week = rng.randint(1, 2) if rng.random() < 0.15 else rng.randint(2, 6)
            pattern: set[tuple[int, str]] = set()
            while len(pattern) < per_week:  # Saturday mornings are given less often
                pattern.add(rng.choices(WEEK, weights=[1] * 10 + [0.3])[0])
            available = {(day, slot) for day, slot in cells if (day.weekday(), slot) in pattern}
            if rng.random() < 0.12:  # a week of leave
                monday = rng.choice(mondays)
                available = {c for c in available if not monday <= c[0] < monday + timedelta(7)}
            if rng.random() < 0.3:  # a day off: training, illness
                off = rng.choice(days)
                available = {c for c in available if c[0] != off}
            areas = frozenset({speciality[0], *extra})
            advisers.append(Adviser(len(advisers) + 1, partner, areas, frozenset(available)))
    demand = {}
    for day, slot in cells:
        for area, load in AREA_LOAD.items():
            mean = load * DAY_LOAD[day.weekday()] * SLOT_LOAD[slot]
            need = max(0, round(rng.gauss(mean, 0.3 * mean)))
            if need:
                demand[(area, day, slot)] = need
    locked: list[PlannedShift] = []
    while len(locked) < LOCKED:
        adviser = rng.choice(advisers)
        cell = rng.choice(sorted(adviser.available))
        areas = sorted(a for a in adviser.areas if (a, *cell) in demand)
        seated = Counter(s.desk for s in locked if s.cell == cell)
        desk = next((d for d, capacity in DESKS.items() if seated[d] < capacity), None)
        if areas and desk and all((s.adviser, s.cell) != (adviser.id, cell) for s in locked):
            locked.append(PlannedShift(adviser.id, rng.choice(areas), desk, *cell, locked=True))
    targets = {partner: round(hours / 3.5) for partner, (_n, _s, hours, _a) in enumerate(PARTNERS, start=1)}
    return Problem(cells, list(AREAS), advisers, dict(DESKS), demand, locked, targets)


def figures(problem: Problem, shifts: list[PlannedShift]) -> dict:
    """What a roster is worth, measured apart from the solver (its objective is recomputed from the weights)."""
    partner_of = {a.id: a.partner for a in problem.advisers}
    per_partner = Counter(partner_of[s.adviser] for s in shifts)
    load = Counter(s.adviser for s in shifts)
    planned = Counter((s.area, s.day, s.slot) for s in shifts if not s.locked)
    planned_all = Counter((s.area, s.day, s.slot) for s in shifts)
    deficit = sum(max(t - per_partner[p], 0) for p, t in problem.partner_target.items())
    excess = sum(max(per_partner[p] - t, 0) for p, t in problem.partner_target.items())
    short = sum(shortfalls(problem, shifts).values())
    over = sum(max(planned_all[k] - need, 0) for k, need in problem.demand.items())
    over += sum(n for k, n in planned.items() if k not in problem.demand)
    return {
        "coverage": 1 - short / sum(problem.demand.values()),
        "shortfall": short,
        "deviation": deficit + excess,
        "deficit": deficit,
        "max_load": max(load.values()),
        "shifts": len(shifts),
        "cost": planner.W_SHORTFALL * short
        + planner.W_OVERSTAFF * over
        + planner.W_PARTNER_DEFICIT * deficit
        + planner.W_PARTNER_EXCESS * excess
        + planner.W_MAX_LOAD * max(load.values()),
    }


def checked(problem: Problem, solution, label: str):
    found = violations(problem, solution.shifts)
    if found:
        sys.exit(f"{label}: {len(found)} violation(s) of hard constraints, first: {found[:5]}")
    return solution


def row(run: str, method: str, solution, f: dict) -> str:
    gap = f"{100 * solution.gap:.2f}" if solution.status != "GREEDY" else f"({100 * f['gap']:.1f})"
    objective = solution.objective if solution.status != "GREEDY" else f["cost"]
    bound = f"{solution.bound:,.0f}" if solution.status != "GREEDY" else ""
    return (
        f"| {run} | {method} | {solution.seconds:.2f} | {solution.status} | {objective:,.0f} | {bound} | {gap} | "
        f"{100 * f['coverage']:.2f} | {f['shortfall']} | {f['deviation']} ({f['deficit']}) | {f['max_load']} |"
    )


HEADER = [
    "| run | roster | seconds | status | objective | bound | gap % | coverage % | shortfall | "
    "partner Σ|Δ| (short) | max load |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]


class FullLp(cp_model.CpSolver):
    """Diagnosis: planner.py's solver with the full LP relaxation, one-place-at-a-time included.

    With several workers the portfolio sets each worker's linearization level itself ("default_lp" is
    level 1), so the full problem subsolver is named: "max_lp" is "default_lp" at level 2."""

    def __init__(self):
        super().__init__()
        self.parameters.linearization_level = 2
        self.parameters.subsolvers.append("max_lp")


def explore(problems: list[Problem], time_limit: float, workers: int) -> list[str]:
    """Where the gap comes from: more time, more workers, and two changes to planner.py tried from outside."""
    lines = ["", "What moves the gap (same months; the last two rows patch planner.py in memory):", "", *HEADER]
    trials = [(f"{workers} workers, {3 * time_limit:g} s", workers, 3 * time_limit, None, None)]
    trials += [(f"{w} workers, {time_limit:g} s", w, time_limit, None, None) for w in (4, 8) if w != workers]
    trials += [
        (f"{workers} workers, {time_limit:g} s, max_lp", workers, time_limit, None, FullLp),
        (f"{workers} workers, {time_limit:g} s, W_MAX_LOAD=0", workers, time_limit, 0, None),
    ]
    for n, problem in enumerate(problems, start=1):
        for label, w, limit, max_load_weight, solver_class in trials:
            saved = planner.W_MAX_LOAD, planner.cp_model.CpSolver
            planner.W_MAX_LOAD = saved[0] if max_load_weight is None else max_load_weight
            planner.cp_model.CpSolver = solver_class or saved[1]
            try:
                solution = checked(problem, solve(problem, time_limit=limit, workers=w), label)
            finally:
                planner.W_MAX_LOAD, planner.cp_model.CpSolver = saved
            lines.append(row(str(n), label, solution, figures(problem, solution.shifts)))
            print(lines[-1], flush=True)
    return lines


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), platform.processor())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, OR-Tools {version('ortools')}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20270601, help="run n draws its month from seed + n")
    parser.add_argument("--time-limit", type=float, default=10.0, help="CP-SAT seconds")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT search workers")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--explore", action="store_true", help="also try longer and wider solves on month 1")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "rosters.md")
    args = parser.parse_args()

    problems = [month(args.seed + n) for n in range(args.runs)]
    p = problems[0]
    available = sum(len(a.available) for a in p.advisers)
    lines = [
        f"{machine()}; {date.today().isoformat()}.",
        f"Month 1 (seed {args.seed}): {len(p.cells)} half-days, {len(p.advisers)} advisers of {len(PARTNERS)} "
        f"partners, {len(p.areas)} areas, {sum(p.desks.values())} seats; {available} adviser-half-days available, "
        f"{sum(p.desks.values()) * len(p.cells)} seat-half-days, {sum(p.demand.values())} demanded "
        f"({sum(p.partner_target.values())} committed by partners), {len(p.locked)} locked.",
        f"CP-SAT: {args.workers} workers, {args.time_limit:g} s. Gap: (objective − bound) / objective; for greedy, "
        "in brackets, its objective under the same weights against the CP-SAT bound.",
        "",
        *HEADER,
    ]
    print("\n".join(lines), flush=True)
    results = []
    for n, problem in enumerate(problems, start=1):
        fast = checked(problem, greedy(problem), f"greedy, run {n}")
        best = checked(problem, solve(problem, time_limit=args.time_limit, workers=args.workers), f"CP-SAT, run {n}")
        f_best, f_fast = figures(problem, best.shifts), figures(problem, fast.shifts)
        if abs(f_best["cost"] - best.objective) > 0.5:
            sys.exit(f"run {n}: the roster is worth {f_best['cost']}, the solver says {best.objective}")
        f_best["gap"], f_fast["gap"] = best.gap, (f_fast["cost"] - best.bound) / f_fast["cost"]
        results.append((best, f_best, fast, f_fast))
        for method, solution, f in (("CP-SAT", best, f_best), ("greedy", fast, f_fast)):
            lines.append(row(str(n), method, solution, f))
            print(lines[-1], flush=True)

    def mean(key) -> float:
        return statistics.mean(key(r) for r in results)

    slowest, widest = max(r[0].seconds for r in results), max(r[0].gap for r in results)
    ratio = mean(lambda r: r[1]["coverage"] / r[3]["coverage"])
    lines += [
        "",
        f"Mean over {len(results)} months: CP-SAT {mean(lambda r: r[0].seconds):.2f} s, gap "
        f"{100 * mean(lambda r: r[0].gap):.2f} %, coverage {100 * mean(lambda r: r[1]['coverage']):.2f} %, "
        f"shortfall {mean(lambda r: r[1]['shortfall']):.1f}, partner Σ|Δ| {mean(lambda r: r[1]['deviation']):.1f}, "
        f"max load {mean(lambda r: r[1]['max_load']):.1f}; greedy {1000 * mean(lambda r: r[2].seconds):.0f} ms, "
        f"coverage {100 * mean(lambda r: r[3]['coverage']):.2f} %, shortfall {mean(lambda r: r[3]['shortfall']):.1f}, "
        f"partner Σ|Δ| {mean(lambda r: r[3]['deviation']):.1f}, max load {mean(lambda r: r[3]['max_load']):.1f}.",
        f"Coverage CP-SAT / greedy: {ratio:.3f}. Both rosters of every month pass checks.violations().",
        "",
        "| target | result | met |",
        "|---|---|---|",
        f"| proposal within {args.time_limit:g} s | slowest {slowest:.2f} s | "
        f"{'yes' if slowest <= args.time_limit + 1 else 'NO'} |",
        f"| gap under 2 % | widest {100 * widest:.2f} % | {'yes' if widest < 0.02 else 'NO'} |",
        f"| coverage better than greedy | ratio {ratio:.3f}, every month: "
        f"{all(r[1]['coverage'] >= r[3]['coverage'] for r in results)} | {'yes' if ratio > 1 else 'NO'} |",
    ]
    print("\n".join(lines[-8:]), flush=True)
    if args.explore or widest >= 0.02:
        lines += explore(problems, args.time_limit, args.workers)
    args.output.parent.mkdir(exist_ok=True)
    args.output.write_text("\n".join(lines) + "\n")
    print(f"\nWritten to {args.output}.")
    return 0


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times through the test client still run in the tenancy middleware's scopes.
    with scopes_disabled():
        sys.exit(main())
