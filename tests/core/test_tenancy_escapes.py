"""The only reads across Cités are the named escapes, each used where this allow-list says why.

A new use of an escape (or of django-scopes' own `scopes_disabled`) fails here until it is added
below with its reason; a use that disappears fails too, so that the list stays true.
"""

import re
from collections import Counter
from pathlib import Path

import citemetiers

ESCAPES = (
    "scopes_disabled",
    "with_scopes_disabled",
    "network_wide_read",
    "visitor_secret_lookup",
    "own_memberships",
    "all_centres_maintenance",
)

# (file, escape): (uses, why it is legitimate)
ALLOWED = {
    ("centres/tenancy.py", "scopes_disabled"): (4, "the named escapes themselves are built on it"),
    ("indicators/selectors.py", "network_wide_read"): (
        2,
        "totals_by_centre: the network comparison sets every Cité's anonymous sums side by side, "
        "suppressed under SMALL_CELL before they leave a Cité; activity_reports_by_centre: whether each "
        "Cité's activity report of a year is made, and when (no figure, no file), for the network staff's home",
    ),
    ("indicators/services.py", "network_wide_read"): (
        1,
        "refresh_changed_everywhere: which Cités have changed days (ids only); each Cité's days are "
        "then computed in its own scope",
    ),
    ("reception/public.py", "visitor_secret_lookup"): (
        2,
        "the visitor's ticket secret and a screen's (display, kiosk) key name their Cité, whose scope "
        "the page then enters",
    ),
    ("events/public.py", "visitor_secret_lookup"): (
        1,
        "a workshop registration's secret (its code's page) names its Cité, whose scope the page then enters",
    ),
    ("reception/cards.py", "visitor_secret_lookup"): (
        1,
        "a visitor's card code names its Cité on /card/, whose scope the page then enters",
    ),
    ("rosters/views.py", "visitor_secret_lookup"): (
        1,
        "an adviser's calendar feed is reached by its secret address, which names the Cité then entered",
    ),
    ("centres/middleware.py", "own_memberships"): (
        1,
        "the person's membership of the Cité in the URL, found before that Cité's scope is entered",
    ),
    ("centres/selectors.py", "own_memberships"): (
        1,
        "the person's own memberships once a request: the header's Cité switcher and the school's predicates",
    ),
    ("territory/tasks.py", "all_centres_maintenance"): (
        3,
        "the stale services' reminders and the saved searches' alerts across every Cité, and requeuing"
        " the imports a dead worker left",
    ),
    ("projects/selectors.py", "own_memberships"): (
        1,
        "My tasks: the person's own memberships, whose tasks are then read each in its Cité's scope",
    ),
    ("projects/tasks.py", "all_centres_maintenance"): (
        1,
        "the daily reminders: one e-mail per person across the Cités they work for",
    ),
    ("groups/tasks.py", "all_centres_maintenance"): (
        1,
        "the daily reminders of decisions to review, across every Cité's groups",
    ),
    ("library/management/commands/library_reindex.py", "all_centres_maintenance"): (
        1,
        "rebuilds every Cité's search documents once, after the analysis of the texts changed",
    ),
    ("network/views.py", "own_memberships"): (1, "the landing page sends a person to one of their own Cités"),
    ("demo/management/commands/seed_demo.py", "all_centres_maintenance"): (
        1,
        "the demo network is seeded above every Cité at once",
    ),
    ("reception/management/commands/close_reception_day.py", "all_centres_maintenance"): (
        1,
        "expired idempotency keys are forgotten in every Cité by one DELETE on their date",
    ),
    ("indicators/tasks.py", "all_centres_maintenance"): (
        1,
        "the sweep for abandoned reports looks at every Cité's jobs; each is then made in its Cité's scope",
    ),
    ("rosters/tasks.py", "all_centres_maintenance"): (
        1,
        "the sweep for abandoned proposals looks at every Cité's jobs; each is then computed in its Cité's scope",
    ),
    ("reception/tasks.py", "all_centres_maintenance"): (
        1,
        "expired idempotency keys are forgotten in every Cité by one DELETE on their date",
    ),
}

CALL = re.compile(r"\bwith\s+(?:[\w.]+\.)?(" + "|".join(ESCAPES) + r")\(")


def _uses() -> Counter:
    root = Path(citemetiers.__file__).parent
    uses: Counter = Counter()
    for path in root.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            code = line.split("#", 1)[0]
            for match in CALL.finditer(code):
                uses[(path.relative_to(root).as_posix(), match.group(1))] += 1
    return uses


def test_every_read_across_cites_is_an_allowed_escape_with_its_reason():
    uses = _uses()
    unexpected = {key: n for key, n in uses.items() if ALLOWED.get(key, (0,))[0] != n}
    assert unexpected == {}, "an escape used where the allow-list does not say why (or a count changed)"


def test_the_allow_list_names_no_escape_that_is_gone():
    uses = _uses()
    assert {key for key in ALLOWED if key not in uses} == set()


def test_only_the_tenancy_modules_touch_django_scopes():
    """Any other module enters a scope through citemetiers.centres.tenancy, by its names."""
    root = Path(citemetiers.__file__).parent
    importing = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*.py")
        if re.search(r"^\s*(from|import) django_scopes", path.read_text(encoding="utf-8"), re.M)
    }
    assert importing == {"core/tenancy.py", "centres/tenancy.py"}


def test_each_allowed_escape_says_why():
    assert all(len(reason) > 20 for _n, reason in ALLOWED.values())
