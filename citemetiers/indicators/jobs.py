"""Background work: the annual activity reports.

A report is a row in the database; whoever runs it claims it with a conditional update, so a
thread of the app server and the `run_jobs` worker never make the same report twice, and its
progress is read from the database by any process.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.core.audit import audit_log
from citemetiers.core.background import start_in_thread
from citemetiers.core.errors import DomainError
from citemetiers.indicators.models import ActivityReport, ReportStatus
from citemetiers.indicators.report_pdf import build_report

logger = logging.getLogger(__name__)
# A report still "being made" after this long was abandoned by a process that stopped.
STALE_AFTER = timedelta(minutes=15)


def report_request(*, centre, year: int, actor) -> ActivityReport:
    """Ask for a Cité's activity report of a year; it is made in the background."""
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise DomainError(_("Choose a year between 2000 and %(year)s.") % {"year": this_year}, field="year")
    with transaction.atomic():
        report = ActivityReport.objects.create(
            centre=centre, year=year, requested_by=actor, requested_at=timezone.now()
        )
        audit_log(actor=actor, action="indicators.report_request", target=report, centre=centre)
        if settings.JOBS_IN_PROCESS:
            transaction.on_commit(lambda: start_in_thread(report_run, report.pk, name="report"))
    return report


def _claim(report_pk: int) -> bool:
    claimed = ActivityReport.objects.filter(pk=report_pk, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), progress=5
    )
    return claimed == 1


def report_run(report_pk: int) -> ActivityReport | None:
    """Make a queued report, unless another process already took it."""
    if not _claim(report_pk):
        return None
    report = ActivityReport.objects.select_related("centre").get(pk=report_pk)

    def progress(percent: int) -> None:
        ActivityReport.objects.filter(pk=report_pk).update(progress=percent)

    try:
        content = build_report(centre=report.centre, year=report.year, progress=progress)
    except Exception as error:
        logger.exception("Activity report %s failed", report_pk)
        ActivityReport.objects.filter(pk=report_pk).update(
            status=ReportStatus.FAILED, finished_at=timezone.now(), error=str(error)[:1000]
        )
        return ActivityReport.objects.get(pk=report_pk)
    report.pdf.save(f"{report.centre.slug}-{report.year}-{report.pk}.pdf", ContentFile(content), save=False)
    report.status, report.progress, report.finished_at = ReportStatus.DONE, 100, timezone.now()
    report.save(update_fields=["pdf", "status", "progress", "finished_at"])
    return report


def next_queued() -> int | None:
    """The oldest report waiting; stale ones are put back in the queue first."""
    ActivityReport.objects.filter(status=ReportStatus.RUNNING, started_at__lt=timezone.now() - STALE_AFTER).update(
        status=ReportStatus.QUEUED, progress=0
    )
    return (
        ActivityReport.objects.filter(status=ReportStatus.QUEUED)
        .order_by("requested_at", "id")
        .values_list("pk", flat=True)
        .first()
    )
