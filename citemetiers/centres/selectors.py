"""Reads on a Cité: who is a member of it (membership_of, which the services' permission checks
use), and its calendar: its public holidays and its own closures, the days it does not open.

The one rule every part asks (forecast, planner, roster calendars, kiosk and reception check-in):
a Cité is closed on a public holiday of its country (and of its region, when it names one) and on
each day of a closure it declared. Its weekly opening hours are a separate matter (Centre.opening_periods).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from django.utils.translation import get_language

from citemetiers.centres.models import Closure, Membership
from citemetiers.centres.tenancy import own_memberships
from citemetiers.core.errors import NotPermitted


def membership_of(user: User | AnonymousUser | None, centre_id: int) -> Membership | None:
    """The active membership of a person in a Cité, or None."""
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.active().filter(user=user, centre_id=centre_id).first()


def own_active_memberships(user: User) -> list[Membership]:
    """The person's active memberships in every Cité, with their Cité, read once per request: kept on
    the user object, which Django makes anew for each request (the header's Cité switcher and the
    school's menu entry both ask it on one page)."""
    cached = getattr(user, "_own_active_memberships", None)
    if cached is None:
        with own_memberships():
            cached = list(Membership.objects.active().filter(user=user).select_related("centre"))
        user._own_active_memberships = cached  # type: ignore[attr-defined]
    return cached


def membership_required(actor: User, centre_id: int, may: Callable[[Membership], bool], refusal: str) -> Membership:
    """The actor's membership of the Cité, when it may (a predicate of an app's perms.py); otherwise
    NotPermitted with `refusal`. The check a service makes itself, whoever calls it."""
    membership = membership_of(actor, centre_id)
    if membership is None or not may(membership):
        raise NotPermitted(refusal)
    return membership


if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AnonymousUser

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre


def _calendar_class(country: str) -> type[holidays.HolidayBase] | None:
    """The holidays package's calendar of a country, or None for a country it does not know."""
    try:
        return type(holidays.country_holidays(country.upper()))
    except NotImplementedError:
        return None


def _language(calendar_class: type[holidays.HolidayBase] | None) -> str | None:
    """The reader's language when the holidays package names the holidays in it, else its own default."""
    language = (get_language() or "").lower().replace("-", "_")
    supported = getattr(calendar_class, "supported_languages", ()) or ()
    for candidate in sorted(supported, key=lambda code: code.lower() != language):
        if candidate.lower() == language or candidate.lower().split("_")[0] == language.split("_")[0]:
            return candidate
    return None


@lru_cache(maxsize=256)
def _holidays(country: str, subdivision: str, years: tuple[int, ...], language: str | None) -> dict[date, str]:
    # Cached: the calendar of a country and year never changes while the process runs.
    return dict(holidays.country_holidays(country, subdiv=subdivision or None, years=years, language=language))


def public_holidays(centre: Centre, starts_on: date, ends_on: date) -> dict[date, str]:
    """The public holidays of the Cité's country and region in the period: day → name."""
    calendar_class = _calendar_class(centre.country) if centre.country else None
    if calendar_class is None or ends_on < starts_on:
        return {}
    subdivision = centre.subdivision if centre.subdivision in calendar_class.subdivisions else ""
    # Bounded: a period typed at the edges of the calendar (0001-01-01…) must not compute ten thousand years.
    years = tuple(range(max(starts_on.year, 1900), min(ends_on.year, 2200) + 1))
    if not years:
        return {}
    every = _holidays(centre.country.upper(), subdivision, years, _language(calendar_class))
    return {day: name for day, name in sorted(every.items()) if starts_on <= day <= ends_on}


def closed_days(centre: Centre, starts_on: date, ends_on: date) -> dict[date, str]:
    """Every day of the period the Cité does not open, with why: a public holiday's name or a closure's reason.

    One query for the closures; a closure's reason wins over a holiday's name on the same day.
    """
    closed = public_holidays(centre, starts_on, ends_on)
    for closure in Closure.objects.for_centre(centre).overlapping(starts_on, ends_on):
        day = max(closure.starts_on, starts_on)
        while day <= min(closure.ends_on, ends_on):
            closed[day] = closure.reason
            day += timedelta(days=1)
    return dict(sorted(closed.items()))


def centre_is_closed_on(centre: Centre, day: date) -> bool:
    return bool(closed_days(centre, day, day))


def closed_reason(centre: Centre, day: date) -> str | None:
    """Why the Cité is closed on `day`, or None when it is not."""
    return closed_days(centre, day, day).get(day)


def subdivisions(country: str) -> dict[str, str]:
    """The regions the holidays package knows for a country: code → name (its longest alias, else the code)."""
    calendar_class = _calendar_class(country) if country else None
    if calendar_class is None:
        return {}
    names: dict[str, str] = {}
    for alias, code in (getattr(calendar_class, "subdivisions_aliases", {}) or {}).items():
        if len(alias) > len(names.get(code, "")):
            names[code] = alias
    return {code: names.get(code, code) for code in calendar_class.subdivisions}
