"""An adviser's duty roster as an iCalendar feed (RFC 5545), for their own calendar application."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils import translation as translation_utils
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from citemetiers.rosters.models import Shift
from citemetiers.rosters.slots import slot_hours

PAST_DAYS = 30


def roster_calendar(membership) -> bytes:
    centre = membership.centre
    zone = ZoneInfo(centre.time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//citemetiers//roster//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", centre.name)
    since = timezone.localdate() - timedelta(days=PAST_DAYS)
    shifts = Shift.objects.filter(membership=membership, date__gte=since).select_related("area", "desk")
    with translation_utils.override(centre.main_language):
        for shift in shifts:
            hours = slot_hours(centre, shift.date).get(shift.slot)
            if hours is None:
                continue  # the Cité changed its hours and no longer opens then
            event = Event()
            event.add("uid", f"shift-{shift.pk}@citemetiers")
            event.add("dtstamp", timezone.now())
            event.add("dtstart", datetime.combine(shift.date, hours.start, tzinfo=zone))
            event.add("dtend", datetime.combine(shift.date, hours.end, tzinfo=zone))
            event.add("summary", _("%(area)s — %(centre)s") % {"area": shift.area.name, "centre": centre.name})
            event.add("location", _("Desk: %(desk)s") % {"desk": shift.desk.name})
            calendar.add_component(event)
    # RFC 5545 wants the definition of every time zone the events name (strict clients need it).
    calendar.add_missing_timezones()
    return calendar.to_ical()
