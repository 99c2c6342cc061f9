"""The Cité's sessions as iCalendar (RFC 5545) and as a table (CSV, XLSX) with their counts."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view
from citemetiers.core.exports import spreadsheet_safe
from citemetiers.events import selectors
from citemetiers.events.models import RegistrationStatus, SessionStatus

PAST_DAYS = 365
AHEAD_DAYS = 365
# A cell a spreadsheet would read as a formula is written as text: the platform's one guard.
_cell = spreadsheet_safe


def _period_sessions(centre):
    now = timezone.now()
    return selectors.sessions_between(
        centre=centre, start=now - timedelta(days=PAST_DAYS), end=now + timedelta(days=AHEAD_DAYS)
    )


def sessions_calendar(centre, sessions) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//citemetiers//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", centre.name)
    for session in sessions:
        event = Event()
        event.add("uid", f"event-session-{session.pk}@citemetiers")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", session.title)
        if session.description:
            event.add("description", session.description)
        event.add("location", session.room or session.online_link or centre.name)
        event.add("status", "CANCELLED" if session.status == SessionStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def registration_calendar(registration) -> bytes:
    """The visitor's own place as one event: the session, its place and the code to type at the door."""
    session = registration.session
    calendar = Calendar()
    calendar.add("prodid", "-//citemetiers//events//EN")
    calendar.add("version", "2.0")
    event = Event()
    # Not the secret: the file may be shared or synced, and the secret opens the code's page.
    event.add("uid", f"event-registration-{registration.pk}@citemetiers")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.title)
    event.add("description", _("Registration code: %(code)s") % {"code": registration.code})
    place = session.room or (session.service.name if session.service_id else "") or session.online_link
    event.add("location", place or registration.centre.name)
    # A cancelled session or place is CANCELLED; a place on the waiting list is not yet held.
    if session.status == SessionStatus.CANCELLED or registration.status == RegistrationStatus.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "TENTATIVE" if registration.status == RegistrationStatus.WAITING else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


@centre_view(is_member, methods=("GET",))
def sessions_ics(request):
    response = HttpResponse(
        sessions_calendar(request.centre, _period_sessions(request.centre)), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="sessions.ics"'
    return response


def _rows(centre):
    yield [
        _("Start"),
        _("Title"),
        _("Type"),
        _("Status"),
        _("Capacity"),
        _("Registered"),
        _("Waiting"),
        _("Attended"),
        _("Walk-in attendees"),
    ]
    for session in _period_sessions(centre):
        yield [
            timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
            _cell(session.title),
            _cell(session.event_type.name),
            SessionStatus(session.status).label,
            session.capacity,
            session.registered_places,
            session.waiting_places,
            session.attended_places,
            session.walk_ins,
        ]


@centre_view(is_member, methods=("GET",))
def sessions_csv(request):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_rows(request.centre))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sessions.csv"'
    return response


@centre_view(is_member, methods=("GET",))
def sessions_xlsx(request):
    # Imported by the export only: the workbook library is heavy and no other page needs it.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Sessions"))
    for row in _rows(request.centre):
        sheet.append([str(value) if not isinstance(value, int) else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="sessions.xlsx"'
    return response
