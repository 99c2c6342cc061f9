"""Minutes as PDF or ODT, and the decisions register as CSV or XLSX."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citemetiers.core.exports import as_csv, as_xlsx

# The spreadsheet builders and their CSV-injection guard are the projects' until h5 moves them to core.
from citemetiers.core.exports import spreadsheet_text as _safe

if TYPE_CHECKING:
    from collections.abc import Iterable

    from citemetiers.groups.models import Decision, Minutes

__all__ = ["as_csv", "as_xlsx", "decision_rows", "minutes_odt", "minutes_pdf"]


def _minutes_lines(minutes: Minutes) -> tuple[str, list[str], list[tuple[str, str]]]:
    """The title, the heading lines and (item heading, text) pairs, shared by both documents."""
    meeting = minutes.meeting
    title = _("Minutes of %(group)s, %(day)s") % {
        "group": meeting.group.title,
        "day": date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT"),
    }
    head = [_("Version %(number)s (%(state)s)") % {"number": minutes.version, "state": minutes.get_state_display()}]
    if minutes.correction_reason:
        head.append(_("Reason for the correction: %(reason)s") % {"reason": minutes.correction_reason})
    present = [str(a.member.user) for a in meeting.attendances.filter(status="attended").select_related("member__user")]
    if present:
        head.append(_("Present: %(names)s") % {"names": ", ".join(present)})
    items = []
    for item in minutes.items.all() if minutes.pk else ():
        heading = f"{item.agenda_item.title} — {item.get_outcome_display()}"
        text = item.text
        if item.task_id:
            text += "\n" + _("Task: %(title)s") % {"title": item.task.title}
        if item.project_id:
            text += "\n" + _("Project: %(title)s") % {"title": item.project.title}
        items.append((heading, text))
    return title, head, items


def minutes_pdf(minutes: Minutes) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4  # not at start-up: only an export needs it
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    title, head, items = _minutes_lines(minutes)
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(title), styles["Title"])]
    story += [Paragraph(escape(line), styles["Normal"]) for line in head]
    for heading, text in items:
        story.append(Paragraph(escape(heading), styles["Heading2"]))
        story += [Paragraph(escape(line), styles["Normal"]) for line in text.splitlines() if line.strip()]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title).build(story)
    return out.getvalue()


def minutes_odt(minutes: Minutes) -> bytes:
    from odf.opendocument import OpenDocumentText  # not at start-up: only an export needs it
    from odf.text import H, P

    title, head, items = _minutes_lines(minutes)
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    for line in head:
        document.text.addElement(P(text=line))
    for heading, text in items:
        document.text.addElement(H(outlinelevel=2, text=heading))
        for line in text.splitlines():
            document.text.addElement(P(text=line))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def decision_rows(decisions: Iterable[Decision]) -> list[list[str]]:
    rows = [[_("Date"), _("Working group"), _("Decision"), _("Rationale"), _("Participants"), _("Review date")]]
    for decision in decisions:
        rows.append(
            [
                decision.decided_on.isoformat(),
                _safe(decision.group.title),
                _safe(decision.title),
                _safe(decision.rationale),
                _safe(", ".join(str(p.user) for p in decision.participants.all())),
                decision.review_on.isoformat() if decision.review_on else "",
            ]
        )
    return rows
