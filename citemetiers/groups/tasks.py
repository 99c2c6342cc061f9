"""Background work of the groups: reminding a group of the decisions that come up for review."""

from __future__ import annotations

from datetime import date, time

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.core.audit import audit_log
from citemetiers.core.schedule import periodic
from citemetiers.groups.models import Decision
from citemetiers.groups.services import member_list


def review_reminders_send(*, today: date | None = None) -> int:
    """E-mail each group's members once about every decision whose review date has come (Loomio's
    outcome review); the decision keeps when it was reminded, so a second run sends nothing."""
    today = today or timezone.localdate()
    sent = 0
    with all_centres_maintenance():
        due = list(
            Decision.objects.filter(review_on__lte=today, review_reminded_at__isnull=True).select_related(
                "group__centre"
            )
        )
        for decision in due:
            with transaction.atomic():
                decision.review_reminded_at = timezone.now()
                decision.save(update_fields=["review_reminded_at"])
                audit_log(actor=None, action="decision.review_remind", target=decision, centre=decision.centre)
            emails = [m.user.email for m in member_list(decision.group) if m.is_active and m.user.email]
            with translation.override(decision.group.centre.main_language):
                subject = _("A decision of %(group)s comes up for review") % {"group": decision.group.title}
            send_mail(subject, decision.title, None, emails)
            sent += 1
    return sent


@periodic(daily_at=time(7, 15))
@task()
def decision_review_reminders() -> int:
    """The morning's reminders of decisions to review."""
    return review_reminders_send()
