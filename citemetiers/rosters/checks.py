"""A checker of rosters, written apart from the solver: what it says is wrong, is wrong.

Used by the tests on every proposal, by the benchmark, and before anything is published.
"""

from __future__ import annotations

from collections import Counter

from citemetiers.rosters.planner import PlannedShift, Problem


def violations(problem: Problem, shifts: list[PlannedShift]) -> list[str]:
    """Every broken hard constraint of `shifts`, in plain words; an empty list when the roster holds."""
    found = []
    advisers = {a.id: a for a in problem.advisers}
    cells = set(problem.cells)
    locked = set(problem.locked)
    for shift in shifts:
        where = f"{shift.day} {shift.slot}"
        if shift in locked:
            # Placed by hand: kept as it is, even on a desk since closed or hours since changed.
            continue
        if shift.cell not in cells:
            found.append(f"{where}: the Cité is closed")
        if shift.desk not in problem.desks:
            found.append(f"{where}: desk {shift.desk} does not exist")
        adviser = advisers.get(shift.adviser)
        if adviser is None:
            found.append(f"{where}: adviser {shift.adviser} is not on the team")
            continue
        if shift.cell not in adviser.available:
            found.append(f"{where}: adviser {shift.adviser} is not available")
        if shift.area not in adviser.areas:
            found.append(f"{where}: adviser {shift.adviser} does not cover area {shift.area}")
    for (adviser, cell), count in Counter((s.adviser, s.cell) for s in shifts).items():
        if count > 1:
            found.append(f"{cell[0]} {cell[1]}: adviser {adviser} is in {count} places at once")
    for (desk, cell), count in Counter((s.desk, s.cell) for s in shifts).items():
        if desk in problem.desks and count > problem.desks[desk]:
            found.append(f"{cell[0]} {cell[1]}: desk {desk} holds {count}, more than {problem.desks.get(desk, 0)}")
    missing = locked - set(shifts)
    found += [f"{s.day} {s.slot}: the locked shift of adviser {s.adviser} was moved" for s in sorted(missing, key=str)]
    return found
