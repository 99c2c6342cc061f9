"""Background work of projects: the daily reminders of tasks coming due and of tasks late."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time, timedelta

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.core.schedule import periodic
from citemetiers.projects.models import OPEN_STATUSES, ReminderSent, Task

# A reminder two days before the due date, and on the day after it if the task is still open.
REMIND_BEFORE = timedelta(days=2)
REMIND_AFTER = timedelta(days=1)


def reminders_send(*, today: date | None = None) -> int:
    """One e-mail per person per day listing their open tasks due in two days or due yesterday; a
    second run on the same day sends nothing (ReminderSent's unique row). Returns the e-mails sent."""
    today = today or timezone.localdate()
    with all_centres_maintenance():
        # One sweep over every Cité's open tasks: a person working for two Cités gets one e-mail.
        due = list(
            Task.objects.filter(status__in=OPEN_STATUSES, due_on__in=(today + REMIND_BEFORE, today - REMIND_AFTER))
            .select_related("owner__user", "owner__centre")
            .order_by("due_on", "pk")
        )
    by_user = defaultdict(list)
    for item in due:
        if item.owner.is_active and item.owner.user.is_active:
            by_user[item.owner.user].append(item)
    sent = 0
    for user, tasks in by_user.items():
        try:
            with transaction.atomic():
                ReminderSent.objects.create(user=user, day=today)
        except IntegrityError:
            continue  # already reminded today
        with translation.override(tasks[0].owner.centre.main_language):
            subject = ngettext("%(count)d task to follow", "%(count)d tasks to follow", len(tasks)) % {
                "count": len(tasks)
            }
            lines = [
                # A reminder is only made for a task with a due date (the selection above).
                (
                    _("Due on %(day)s: %(title)s")
                    if t.due_on is None or t.due_on >= today
                    else _("Late since %(day)s: %(title)s")
                )
                % {"day": date_format(t.due_on, "SHORT_DATE_FORMAT") if t.due_on else "", "title": t.title}
                for t in tasks
            ]
        send_mail(subject, "\n".join(lines), None, [user.email])
        sent += 1
    return sent


@periodic(daily_at=time(7, 0))
@task()
def task_reminders() -> int:
    """The morning's reminders of tasks coming due and late."""
    return reminders_send()
