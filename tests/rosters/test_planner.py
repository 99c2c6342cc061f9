"""The planner on small problems, each proposal checked by the independent checker."""

from datetime import date

from citemetiers.rosters.checks import violations
from citemetiers.rosters.planner import Adviser, PlannedShift, Problem, coverage, greedy, shortfalls, solve

MON, TUE = date(2026, 12, 7), date(2026, 12, 8)
CELLS = [(MON, "am"), (MON, "pm"), (TUE, "am"), (TUE, "pm")]
EVERYWHERE = frozenset(CELLS)


def adviser(pk, areas, available=EVERYWHERE, partner=None):
    return Adviser(pk, partner, frozenset(areas), frozenset(available))


def test_a_feasible_demand_is_fully_covered_and_the_roster_holds():
    problem = Problem(
        cells=CELLS,
        areas=[1, 2],
        advisers=[adviser(10, [1]), adviser(11, [1, 2]), adviser(12, [2], available={(MON, "am"), (TUE, "pm")})],
        desks={100: 1, 101: 1},
        demand={(1, MON, "am"): 1, (2, MON, "am"): 1, (1, TUE, "pm"): 1, (2, TUE, "pm"): 1},
    )
    solution = solve(problem, time_limit=5)
    assert violations(problem, solution.shifts) == []
    assert coverage(problem, solution.shifts) == 1.0
    assert solution.status == "OPTIMAL"
    assert solution.gap == 0


def test_nobody_is_planned_where_nobody_is_expected():
    problem = Problem(cells=CELLS, areas=[1], advisers=[adviser(10, [1])], desks={100: 1}, demand={(1, MON, "am"): 1})
    solution = solve(problem, time_limit=5)
    assert [(s.adviser, s.cell) for s in solution.shifts] == [(10, (MON, "am"))]


def test_a_locked_shift_stays_as_it_was_and_its_adviser_is_not_placed_twice():
    locked = PlannedShift(10, 2, 101, MON, "am", locked=True)
    problem = Problem(
        cells=CELLS,
        areas=[1, 2],
        advisers=[adviser(10, [1, 2]), adviser(11, [1])],
        desks={100: 1, 101: 1},
        demand={(1, MON, "am"): 2},
        locked=[locked],
    )
    solution = solve(problem, time_limit=5)
    assert locked in solution.shifts
    assert violations(problem, solution.shifts) == []
    assert shortfalls(problem, solution.shifts) == {(1, MON, "am"): 1}, "adviser 10 is held by the locked shift"


def test_desks_limit_how_many_advisers_hold_a_half_day():
    problem = Problem(
        cells=CELLS,
        areas=[1],
        advisers=[adviser(pk, [1]) for pk in range(10, 15)],
        desks={100: 2, 101: 1},
        demand={(1, MON, "am"): 5},
    )
    solution = solve(problem, time_limit=5)
    assert violations(problem, solution.shifts) == []
    assert len([s for s in solution.shifts if s.cell == (MON, "am")]) == 3
    assert shortfalls(problem, solution.shifts) == {(1, MON, "am"): 2}


def test_demand_nobody_can_meet_is_left_as_a_shortfall():
    problem = Problem(
        cells=CELLS,
        areas=[1, 2],
        advisers=[adviser(10, [1], available={(MON, "am")})],
        desks={100: 1},
        demand={(2, TUE, "pm"): 3},
    )
    solution = solve(problem, time_limit=5)
    assert solution.shifts == []
    assert shortfalls(problem, solution.shifts) == {(2, TUE, "pm"): 3}


def test_partnership_commitments_are_met_when_demand_allows():
    problem = Problem(
        cells=CELLS,
        areas=[1],
        advisers=[adviser(10, [1], partner=1), adviser(11, [1], partner=2)],
        desks={100: 2},
        demand={(1, cell[0], cell[1]): 1 for cell in CELLS},
        partner_target={1: 3, 2: 1},
    )
    solution = solve(problem, time_limit=5)
    planned = {10: 0, 11: 0}
    for shift in solution.shifts:
        planned[shift.adviser] += 1
    assert planned == {10: 3, 11: 1}


def test_the_solver_covers_what_greedy_misses():
    # Greedy serves area 2 first with the only adviser able to hold area 1 as well.
    problem = Problem(
        cells=[(MON, "am")],
        areas=[1, 2],
        advisers=[adviser(10, [1, 2], available={(MON, "am")}), adviser(11, [2], available={(MON, "am")})],
        desks={100: 2},
        demand={(1, MON, "am"): 1, (2, MON, "am"): 1},
    )
    assert coverage(problem, greedy(problem).shifts) < 1.0
    assert coverage(problem, solve(problem, time_limit=5).shifts) == 1.0


def test_the_checker_names_each_broken_rule():
    problem = Problem(
        cells=[(MON, "am")],
        areas=[1, 2],
        advisers=[adviser(10, [1], available={(MON, "am")}), adviser(11, [1], available=set())],
        desks={100: 1},
        demand={},
        locked=[PlannedShift(10, 1, 100, MON, "am", locked=True)],
    )
    found = violations(
        problem,
        [
            PlannedShift(10, 2, 100, MON, "am"),  # area not covered, desk over capacity, twice at once
            PlannedShift(11, 1, 100, MON, "am"),  # not available
            PlannedShift(11, 1, 100, TUE, "am"),  # closed
        ],
    )
    text = "\n".join(found)
    for expected in ("does not cover area 2", "is not available", "the Cité is closed", "holds 2", "was moved"):
        assert expected in text


def test_a_locked_shift_on_a_desk_since_closed_is_no_violation():
    locked = PlannedShift(10, 1, 999, MON, "am", locked=True)
    problem = Problem(cells=CELLS, areas=[1], advisers=[adviser(10, [1])], desks={100: 1}, demand={}, locked=[locked])
    assert violations(problem, [locked]) == []
