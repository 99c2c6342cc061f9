"""The programme as iCalendar and PDF, the contributions as CSV and XLSX."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.core.exports import spreadsheet_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from citemetiers.school.models import Contribution, Edition, Participant, Slot


def programme_calendar(edition: Edition, slots: Iterable[Slot], name: str = "") -> bytes:
    """Each slot as an event at the host Cité's local time (the whole programme, or one's agenda)."""
    from icalendar import Calendar, Event

    zone = ZoneInfo(edition.host_centre.time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//citemetiers//school//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name or str(edition))
    for slot in slots:
        event = Event()
        event.add("uid", f"school-slot-{slot.pk}@citemetiers")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", datetime.combine(slot.day, slot.starts_at, tzinfo=zone))
        event.add("dtend", datetime.combine(slot.day, slot.ends_at, tzinfo=zone))
        event.add("summary", slot.contribution.title)
        event.add("location", ", ".join(filter(None, [slot.room, edition.venue, edition.host_centre.name])))
        event.add("description", f"{slot.contribution.get_format_display()} · {slot.contribution.track}")
        calendar.add_component(event)
    return calendar.to_ical()


def _fonts() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = Path(reportlab.__file__).parent / "fonts"
    # Vera covers the accents and typographic signs of French, unlike the PDF core fonts.
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(fonts / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(fonts / "VeraBd.ttf")))


def programme_pdf(edition: Edition, slots: Iterable[Slot]) -> bytes:
    """A printable timetable: one table per day, time, room, title and Cité."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _fonts()
    title = ParagraphStyle("title", fontName="Vera-Bold", fontSize=18, leading=22)
    heading = ParagraphStyle("h2", fontName="Vera-Bold", fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    body = ParagraphStyle("body", fontName="Vera", fontSize=9, leading=11)
    where = f"{edition.host_centre.name} · {edition.venue} · {edition.starts_on:%Y-%m-%d} – {edition.ends_on:%Y-%m-%d}"
    story = [
        Paragraph(escape(str(edition)), title),
        Paragraph(escape(where), body),
        Spacer(1, 0.4 * cm),
    ]
    by_day: dict = {}
    for slot in slots:
        by_day.setdefault(slot.day, []).append(slot)
    if not by_day:
        story.append(Paragraph(escape(_("The programme has no session yet.")), body))
    for day, day_slots in by_day.items():
        story.append(Paragraph(day.isoformat(), heading))
        rows = [[Paragraph(escape(h), body) for h in (_("Time"), _("Room"), _("Session"), _("Cité"))]]
        for slot in day_slots:
            rows.append(
                [
                    Paragraph(f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}", body),
                    Paragraph(escape(slot.room), body),
                    Paragraph(escape(f"{slot.contribution.title} ({slot.contribution.get_format_display()})"), body),
                    Paragraph(escape(slot.contribution.cite.name), body),
                ]
            )
        table = Table(rows, colWidths=[2.5 * cm, 3 * cm, 8 * cm, 4 * cm], repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=str(edition)).build(story)
    return out.getvalue()


def attendance_certificate(participant: Participant, sessions: Iterable[Slot]) -> bytes:
    """The certificate of a member of a Cité's staff who attended an edition: their name and Cité (staff
    are identified users; no visitor is ever named), the edition, its dates and host, and the sessions the
    organisers saw them at."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    _fonts()
    edition = participant.edition
    title = ParagraphStyle("title", fontName="Vera-Bold", fontSize=20, leading=26, alignment=1)
    body = ParagraphStyle("body", fontName="Vera", fontSize=11, leading=15)
    statement = _("%(person)s, of %(cite)s, attended %(edition)s, hosted by %(host)s from %(first)s to %(last)s.") % {
        "person": participant.user,
        "cite": participant.cite.name,
        "edition": edition,
        "host": edition.host_centre.name,
        "first": edition.starts_on.isoformat(),
        "last": edition.ends_on.isoformat(),
    }
    story = [
        Paragraph(escape(_("Attendance certificate")), title),
        Spacer(1, 1 * cm),
        Paragraph(escape(statement), body),
    ]
    sessions = list(sessions)
    if sessions:
        story += [Spacer(1, 0.5 * cm), Paragraph(escape(_("Sessions attended:")), body)]
        story += [
            Paragraph(
                escape(f"{s.day.isoformat()} {s.starts_at:%H:%M}–{s.ends_at:%H:%M} · {s.contribution.title}"), body
            )
            for s in sessions
        ]
    story += [Spacer(1, 1 * cm), Paragraph(escape(_("Issued on %(day)s.") % {"day": timezone.localdate()}), body)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=_("Attendance certificate")).build(story)
    return out.getvalue()


# A cell a spreadsheet would run as a formula (CSV injection): the platform's one guard.
_cell = spreadsheet_text


def contribution_rows(contributions: Iterable[Contribution], means: dict[int, float | None]) -> list[list[str]]:
    rows = [[_("Title"), _("Format"), _("Track"), _("Cité"), _("Author"), _("Decision"), _("Mean score")]]
    for c in contributions:
        mean = means.get(c.pk)
        rows.append(
            [
                _cell(c.title),
                _cell(c.get_format_display()),
                _cell(c.track.name),
                _cell(c.cite.name),
                _cell(c.author),
                _cell(c.get_status_display()),
                "" if mean is None else str(mean),
            ]
        )
    return rows
