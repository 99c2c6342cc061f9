"""Orientations to the territory's services: which partners' services receive the Cité's visitors.

Counted from reception's orientations (a visit sent to a service) and the interviews' recommended
services. In the Cité the counts are shown as they are; the CSV, which leaves the Cité, suppresses
any count under SMALL_CELL (selectors.suppress).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view
from citemetiers.core.exports import spreadsheet_text
from citemetiers.indicators.perms import can_make_reports
from citemetiers.indicators.selectors import suppress
from citemetiers.reception.models import Interview, Visit
from citemetiers.territory.models import Service

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre

PERIOD_DAYS = 365


@dataclass(frozen=True)
class ServiceOrientations:
    pk: int
    name: str
    structure: str
    visits: int
    interviews: int


def service_orientations(*, centre: Centre, days: int = PERIOD_DAYS) -> list[ServiceOrientations]:
    """Each service oriented to in the last `days` days, most oriented to first: two grouped queries."""
    since = timezone.now() - dt.timedelta(days=days)
    visits = dict(
        Visit.objects.filter(centre=centre, arrived_at__gte=since, outcome_service__isnull=False)
        .values_list("outcome_service")
        .annotate(n=Count("pk"))
        .order_by()
    )
    interviews = dict(
        Interview.services.through.objects.filter(
            interview__centre=centre, interview__ticket__visit__arrived_at__gte=since
        )
        .values_list("service")
        .annotate(n=Count("pk"))
        .order_by()
    )
    services = Service.objects.filter(centre=centre, pk__in={*visits, *interviews}).select_related("structure")
    rows = [
        ServiceOrientations(s.pk, s.name, s.structure.name, visits.get(s.pk, 0), interviews.get(s.pk, 0))
        for s in services
    ]
    return sorted(rows, key=lambda row: (-(row.visits + row.interviews), row.name, row.pk))


@centre_view(is_member, methods=("GET",))
def service_orientations_page(request):
    rows = service_orientations(centre=request.centre)
    return render(request, "indicators/service_orientations.html", {"rows": rows, "days": PERIOD_DAYS})


@centre_view(can_make_reports, methods=("GET",))
def service_orientations_csv(request):
    """The counts as they leave the Cité: any under the small-cell threshold is left empty."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.centre.slug}-service-orientations.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Service"), _("Structure"), _("Visits oriented"), _("Interviews recommending it")])
    for row in service_orientations(centre=request.centre):
        visits, interviews = suppress(row.visits, row.visits), suppress(row.interviews, row.interviews)
        writer.writerow([_safe(row.name), _safe(row.structure), _blank(visits), _blank(interviews)])
    return response


def _blank(value):
    return "" if value is None else value


# An imported name opened in a spreadsheet must not run as a formula: the platform's one guard.
_safe = spreadsheet_text
