"""The indicators' part of a coordinator's home: reports ready to read, the latest import."""

from datetime import timedelta

from django.utils import timezone

from citemetiers.centres.models import Centre
from citemetiers.core import homes
from citemetiers.indicators import perms
from citemetiers.indicators.models import ActivityReport, ImportBatch, ReportStatus
from citemetiers.indicators.selectors import network_comparison
from citemetiers.network import homes as network_homes
from citemetiers.network.perms import can_compare_cites

# The network home's comparison covers the last month: the period a Cité with no figure should be asked about.
COMPARISON_DAYS = 30
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


def _network_comparison(request) -> dict:
    end = timezone.localdate()
    start = end - timedelta(days=COMPARISON_DAYS - 1)
    # The comparison's own read: a Cité under the small-cell threshold has no figure to show.
    visits = next(item for item in network_comparison(start=start, end=end) if item.code == "visits")
    centres = list(Centre.objects.active().order_by("name"))
    silent = [centre for centre in centres if visits.by_centre.get(centre.pk) is None]
    return {"compared": len(centres) - len(silent), "silent": silent, "days": COMPARISON_DAYS}


network_homes.panel(
    "network_comparison",
    order=10,
    template="indicators/network_home/comparison.html",
    applies=can_compare_cites,
    context=_network_comparison,
)
