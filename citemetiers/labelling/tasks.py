"""Background work of labelling: the reminder that a labelled Cité's yearly renewal is due."""

from __future__ import annotations

from datetime import date, time

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from citemetiers.accounts.roles import NetworkRole
from citemetiers.core.schedule import periodic
from citemetiers.labelling.models import LabelApplication, Renewal
from citemetiers.labelling.selectors import users_with_network_role
from citemetiers.labelling.validity import RENEWAL_WINDOW, anniversary_on_or_after
from citemetiers.labelling.workflow import LABELLED


def network_coordinator_emails() -> list[str]:
    """The network's coordinators' addresses, read from their rows only."""
    return list(users_with_network_role(NetworkRole.NETWORK_COORDINATOR).values_list("email", flat=True))


def renewal_reminders_send(*, today: date | None = None) -> int:
    """Open the renewal file of each labelled Cité whose anniversary is within a month and remind its
    candidate staff and the network's coordinators, once (the file's `reminded_on`). Returns the count."""
    today = today or timezone.localdate()
    # Applications belong to the network, not to a Cité: no Cité's scope is needed to read them.
    applications = (
        LabelApplication.objects.filter(state__in=LABELLED).exclude(labelled_on=None).select_related("centre")
    )
    coordinators = network_coordinator_emails()
    reminded = 0
    for application in applications:
        labelled_on = application.labelled_on
        if labelled_on is None:  # excluded by the query; says so to the type checker
            continue
        due = anniversary_on_or_after(labelled_on, today)
        if due - today > RENEWAL_WINDOW or due.year - 1 < labelled_on.year:
            continue
        with transaction.atomic():
            renewal, _created = Renewal.objects.select_for_update().get_or_create(
                application=application, year=due.year - 1, defaults={"due_on": due}
            )
            if renewal.reminded_on is not None:
                continue
            renewal.reminded_on = today
            renewal.save(update_fields=["reminded_on"])
        candidates = application.candidates.filter(is_active=True).values_list("email", flat=True)
        recipients = sorted({*coordinators, *candidates})
        if recipients:
            send_mail(
                _("Label renewal due: %(territory)s") % {"territory": application.territory},
                _("The yearly renewal of the label is due on %(day)s: prepare its file from the year's figures.")
                % {"day": date_format(due, "SHORT_DATE_FORMAT")},
                None,
                recipients,
            )
        reminded += 1
    return reminded


@periodic(daily_at=time(7, 15))
@task()
def renewal_reminders() -> int:
    """The morning's reminders of label renewals coming due."""
    return renewal_reminders_send()
