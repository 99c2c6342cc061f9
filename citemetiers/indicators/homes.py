"""The indicators' part of a coordinator's home: reports ready to read, the latest import."""

from datetime import timedelta

from django.utils import timezone

from citemetiers.core import homes
from citemetiers.indicators import perms
from citemetiers.indicators.models import ActivityReport, ImportBatch, ReportStatus

# A report made more than a month ago has been read, or will be found on the reports page.
REPORTS_RECENT_DAYS = 31


def _reports(request) -> dict:
    since = timezone.now() - timedelta(days=REPORTS_RECENT_DAYS)
    recent = ActivityReport.objects.filter(
        centre=request.centre, status__in=[ReportStatus.DONE, ReportStatus.FAILED], finished_at__gte=since
    ).order_by("-finished_at")
    last_import = None
    if perms.can_import_history(request.membership):
        last_import = ImportBatch.objects.filter(centre=request.centre).order_by("-uploaded_at").first()
    return {"reports": list(recent), "last_import": last_import}


homes.panel(
    "reports_ready",
    order=45,
    template="indicators/home/reports.html",
    applies=perms.can_make_reports,
    context=_reports,
)
