"""The annual activity reports, made in the background.

A report is a row in the database (its status, progress and error, for the reports page); the
task `indicators.tasks.report_make` runs `report_run`, which claims the row with a conditional
update (core/background.py), so two workers never make the same report twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.core.background import job_claim, job_done, job_failed, job_progress
from citemetiers.core.errors import DomainError
from citemetiers.indicators import tasks
from citemetiers.indicators.models import ActivityReport
from citemetiers.indicators.perms import can_make_reports

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre


def report_request(*, centre: Centre, year: int, actor: User) -> ActivityReport:
    """Ask for a Cité's activity report of a year; it is made in the background. Only a coordinator
    of the Cité asks (indicators.perms.can_make_reports), whoever calls."""
    membership_required(
        actor, centre.pk, can_make_reports, _("Only the coordinators of the Cité have its activity report made.")
    )
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise DomainError(_("Choose a year between 2000 and %(year)s.") % {"year": this_year}, field="year")
    with transaction.atomic():
        report = ActivityReport.objects.create(
            centre=centre, year=year, requested_by=actor, requested_at=timezone.now()
        )
        audit_log(actor=actor, action="indicators.report_request", target=report, centre=centre)
        # After the commit: a worker must find the report that its task names.
        transaction.on_commit(partial(tasks.report_make.enqueue, report_id=report.pk, centre_id=centre.pk))
    return report


def report_run(report_pk: int, *, centre: Centre | None = None) -> ActivityReport | None:
    """Make a queued report (of `centre`, when given), unless another process already took it."""
    claim = job_claim(ActivityReport, report_pk, **({"centre_id": centre.pk} if centre else {}))
    if claim is None:
        return None
    report = ActivityReport.objects.select_related("centre").get(pk=report_pk)
    try:
        from citemetiers.indicators.report_pdf import build_report  # reportlab: not at start-up

        content = build_report(
            centre=report.centre, year=report.year, progress=job_progress(ActivityReport, report_pk, claim)
        )
    except Exception as error:
        job_failed(ActivityReport, report_pk, claim, error)
        return ActivityReport.objects.get(pk=report_pk)
    report.pdf.save(f"{report.centre.slug}-{report.year}-{report.pk}.pdf", ContentFile(content), save=False)
    if not job_done(ActivityReport, report_pk, claim, pdf=report.pdf.name):
        # Made again by another attempt while this one was thought dead: its file is not the report's.
        report.pdf.delete(save=False)
    return ActivityReport.objects.get(pk=report_pk)
