"""Background tasks of the indicators: making activity reports, and the nightly refresh of the figures."""

from __future__ import annotations

from datetime import time, timedelta

from django_tasks import task

from citemetiers.centres.background import run_for_centre
from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.core.background import jobs_requeue_stale
from citemetiers.core.schedule import periodic
from citemetiers.indicators.models import ActivityReport
from citemetiers.indicators.services import refresh_changed

# A report still "being made" after this long was abandoned by a worker that stopped.
STALE_AFTER = timedelta(minutes=15)


@task()
def report_make(*, report_id: int, centre_id: int) -> str | None:
    """Make a report asked for in a Cité; returns its status (None if another worker took it)."""
    from citemetiers.indicators.jobs import report_run  # jobs enqueues this task: imported when run

    with run_for_centre(centre_id) as centre:
        report = report_run(report_id, centre=centre)
    return None if report is None else report.status


@periodic(every=timedelta(minutes=5))
@task()
def reports_requeue_stale() -> list[int]:
    """Enqueue again the reports a dead worker left behind, or whose task was lost (core/background.py)."""
    with all_centres_maintenance():
        # One sweep over every Cité's jobs finds the abandoned ones; each is then made in its own scope.
        pks = jobs_requeue_stale(ActivityReport, after=STALE_AFTER)
        stale = list(ActivityReport.objects.filter(pk__in=pks).values_list("pk", "centre_id"))
    for report_id, centre_id in stale:
        report_make.enqueue(report_id=report_id, centre_id=centre_id)
    return pks


@periodic(daily_at=time(3, 0))
@task()
def indicators_refresh() -> int:
    """Compute again the days changed since the last run (after the nightly closing, at 02:30)."""
    days = 0
    for centre_id in Centre.objects.values_list("pk", flat=True):
        with run_for_centre(centre_id) as centre:
            days += refresh_changed(centre=centre)
    return days
