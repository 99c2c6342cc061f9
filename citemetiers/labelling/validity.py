"""How long a label is valid: a year from its anniversary, renewed each year on the activity figures.

Plain date arithmetic, read by the register, the workflow (the Cité's `labelled_until`) and the
renewal reminders alike, so the three agree on the day a label lapses.
"""

from __future__ import annotations

from datetime import date, timedelta

# The renewal file opens, and its reminder is sent, a month before the label's anniversary: a renewal
# decided from then on is that anniversary's.
RENEWAL_WINDOW = timedelta(days=30)

# The steps that grant the label for a year: it is valid until the anniversary that follows. Lifting
# a suspension does not: the label stays valid until the date its last grant gave it.
GRANTING_STEPS = ("grant_operating_label", "confirm", "renew", "renew_with_conditions")


def anniversary_on_or_after(labelled_on: date, day: date) -> date:
    """The label's first anniversary on or after `day` (29 February falls on the 28th)."""
    for year in (day.year, day.year + 1):
        try:
            anniversary = labelled_on.replace(year=year)
        except ValueError:
            anniversary = date(year, 2, 28)
        if anniversary >= day:
            return anniversary
    raise AssertionError("unreachable")


def valid_until(labelled_on: date, last_granted_on: date | None = None) -> date:
    """A label granted, confirmed or renewed on `last_granted_on` (by default when first labelled)
    is valid until the anniversary that follows; a renewal decided in the month before an anniversary
    (once its file opened) renews the label for the year after that anniversary."""
    granted = last_granted_on or labelled_on
    return anniversary_on_or_after(labelled_on, granted + RENEWAL_WINDOW + timedelta(days=1))
