"""The dates of a series (meetings, workshops): an RRULE, minus its exceptions and the days the Cité does
not open. It lives in centres, the app that knows the closures, so that groups and events share it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.rrule import rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import closed_days
from citemetiers.core.errors import DomainError

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre

# A series never unfolds into more meetings than this: a rule without COUNT or UNTIL is refused first,
# this bound keeps a rule with a far UNTIL from writing thousands of rows in one request.
MAX_OCCURRENCES = 500


def occurrences(
    *, centre: Centre, rule: str, first_start: datetime, exceptions: set[date] = frozenset()
) -> list[datetime]:
    """The starts of the series' meetings, in the Cité's time; a closed day or an exception is skipped,
    not moved, as a Cité's team does with a holiday falling on its monthly meeting."""
    rule = (rule or "").strip().removeprefix("RRULE:")
    if "COUNT=" not in rule.upper() and "UNTIL=" not in rule.upper():
        raise DomainError(_("Say when the series ends: a number of meetings or a last date."), field="rrule")
    # A first date typed far off (year 9999) would overflow in the arithmetic and in UTC: refused.
    if not 2000 <= first_start.year <= 2100:
        raise DomainError(_("Choose a date between 2000 and 2100."), field="first_start")
    local_start = timezone.localtime(first_start).replace(tzinfo=None)
    try:
        starts = list(
            rrulestr(rule, dtstart=local_start, cache=False).xafter(local_start, MAX_OCCURRENCES + 1, inc=True)
        )
    except (ValueError, TypeError) as error:
        raise DomainError(_("This recurrence rule cannot be read."), field="rrule") from error
    if len(starts) > MAX_OCCURRENCES:
        raise DomainError(_("A series holds at most %(count)d meetings.") % {"count": MAX_OCCURRENCES}, field="rrule")
    if not starts:
        return []
    closed = closed_days(centre, starts[0].date(), starts[-1].date() + timedelta(days=1))
    tz = timezone.get_current_timezone()
    return [
        timezone.make_aware(start, tz)
        for start in starts
        if start.date() not in closed and start.date() not in exceptions
    ]
