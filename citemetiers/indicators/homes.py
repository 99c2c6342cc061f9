"""The indicators' part of the homes: a coordinator's reports ready and latest import; the network
staff's comparison and which Cités have made their activity report."""

from datetime import timedelta

from django.utils import timezone

from citemetiers.centres.models import Centre
from citemetiers.core import homes
from citemetiers.indicators import perms
from citemetiers.indicators.models import ActivityReport, ImportBatch, ReportStatus
from citemetiers.indicators.selectors import activity_reports_by_centre, network_comparison
from citemetiers.network import homes as network_homes
from citemetiers.network.perms import can_compare_cites, can_follow_activity_reports

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


def _network_reports(request) -> dict:
    # The report of the last whole year: the one a label's yearly renewal reads.
    year = timezone.localdate().year - 1
    states = activity_reports_by_centre(year=year)
    since = timezone.now() - timedelta(days=REPORTS_RECENT_DAYS)
    ready, running, missing = [], [], []
    for centre in Centre.objects.active().order_by("name"):
        state = states.get(centre.pk)
        if state is not None and state.status == ReportStatus.DONE:
            ready.append({"centre": centre, "finished_at": state.finished_at})
        elif state is not None and state.status in (ReportStatus.QUEUED, ReportStatus.RUNNING):
            running.append(centre)
        else:
            missing.append({"centre": centre, "failed": state is not None})
    lately = [item for item in ready if item["finished_at"] and item["finished_at"] >= since]
    lately.sort(key=lambda item: item["finished_at"], reverse=True)
    return {
        "year": year,
        "total": len(ready) + len(running) + len(missing),
        "ready_count": len(ready),
        "lately": lately,
        "running": running,
        "missing": missing,
        "days": REPORTS_RECENT_DAYS,
    }


network_homes.panel(
    "network_reports",
    order=15,
    template="indicators/network_home/reports.html",
    applies=can_follow_activity_reports,
    context=_network_reports,
)
