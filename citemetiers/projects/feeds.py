"""A person's due tasks as a calendar feed (ICS) at a secret address, and the tasks as CSV or XLSX."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from citemetiers.core.audit import audit_log
from citemetiers.core.exports import spreadsheet_text
from citemetiers.projects.models import Task, TaskFeed

if TYPE_CHECKING:
    from collections.abc import Iterable

    from citemetiers.accounts.models import User


def _token() -> str:
    return secrets.token_urlsafe(32)


def feed_for(user: User) -> TaskFeed:
    feed = TaskFeed.objects.filter(user=user).first()
    return feed or TaskFeed.objects.create(user=user, token=_token())


def feed_regenerate(*, user: User, actor: User) -> TaskFeed:
    """A new secret address; the old one stops working (a calendar shared by mistake)."""
    with transaction.atomic():
        TaskFeed.objects.filter(user=user).delete()
        feed = TaskFeed.objects.create(user=user, token=_token())
        audit_log(actor=actor, action="task.feed_regenerate", target=feed)
    return feed


def tasks_calendar(tasks: Iterable[Task]) -> bytes:
    """Each open task with a due date as an all-day event on that day."""
    calendar = Calendar()
    calendar.add("prodid", "-//citemetiers//tasks//EN")
    calendar.add("version", "2.0")
    for task in tasks:
        if task.due_on is None:
            continue
        event = Event()
        event.add("uid", f"task-{task.pk}@citemetiers")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", task.due_on)
        event.add("summary", task.title)
        if task.project_id:
            event.add("description", task.project.title)
        calendar.add_component(event)
    return calendar.to_ical()


# Every download's one guard against CSV injection (core.exports), on the cell's text.
_safe = spreadsheet_text


def task_rows(tasks: Iterable[Task], header: list[str]) -> list[list[str]]:
    rows = [header]
    for task in tasks:
        rows.append(
            [
                _safe(task.title),
                _safe(task.project.title if task.project_id else ""),
                _safe(task.owner.user),
                task.due_on.isoformat() if task.due_on else "",
                _safe(task.get_status_display()),
                _safe(task.source),
            ]
        )
    return rows
