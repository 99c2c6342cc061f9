"""Scheduled upkeep of the reception: the nightly closing of the queues and the erasure of expired notes.

The commands `close_reception_day` and `erase_expired_notes` do the same by hand.
"""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone
from django_tasks import task

from citemetiers.centres.background import run_for_centre
from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.core.idempotency import idempotency_keys_purge
from citemetiers.core.schedule import periodic
from citemetiers.reception.interviews import interview_notes_erase_expired
from citemetiers.reception.ticketing import service_date, tickets_close_day


@periodic(daily_at=time(2, 30))
@task()
def reception_days_close() -> int:
    """Close yesterday (and earlier) in every open Cité; returns how many tickets were closed."""
    now = timezone.now()
    closed = 0
    for centre_id in Centre.objects.active().values_list("pk", flat=True):
        with run_for_centre(centre_id) as centre:
            yesterday = service_date(centre, now) - timedelta(days=1)
            closed += tickets_close_day(centre=centre, day=yesterday, actor=None, now=now)
    # The consoles' idempotency keys only need to outlive a double click or a resent form.
    with all_centres_maintenance():
        idempotency_keys_purge(now=now)
    return closed


@periodic(daily_at=time(2, 30))
@task()
def interview_notes_erase() -> int:
    """Erase the interview notes older than each Cité's retention period; returns how many."""
    erased = 0
    for centre_id in Centre.objects.values_list("pk", flat=True):
        with run_for_centre(centre_id) as centre:
            erased += interview_notes_erase_expired(centre=centre)
    return erased
