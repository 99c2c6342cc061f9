"""The Cité's demand for the territorial diagnostic (territory/demand.py): the interviews' themes and
occupations from the aggregates, the visitors' residence areas from the visits."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils.translation import get_language

from citemetiers.indicators.selectors import SMALL_CELL, totals
from citemetiers.reception.models import Theme, Visit
from citemetiers.referentials.selectors import occupations_by_ids
from citemetiers.territory.demand import Demand, provider

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre


def _most_first(counts) -> list[tuple[str, int]]:
    return sorted(((key, n) for key, n in counts.items() if n), key=lambda item: (-item[1], item[0]))


@provider
def centre_demand(*, centre: Centre, start: dt.date, end: dt.date) -> Demand:
    sums = totals(centre=centre, start=start, end=end, metrics=["theme", "occupation"])
    names = dict(Theme.objects.for_centre(centre).values_list("pk", "name"))
    themes = [(names[int(pk)], n) for pk, n in _most_first(sums.keys("theme")) if int(pk) in names]
    occupation_counts = _most_first(sums.keys("occupation"))
    labelled = {
        str(m.occupation.pk): m
        for m in occupations_by_ids([pk for pk, _n in occupation_counts], get_language() or centre.main_language)
    }
    occupations = [(labelled[pk].code, labelled[pk].label, n) for pk, n in occupation_counts if pk in labelled]
    # The residence area is no aggregate: one grouped count of the period's visits.
    zone = ZoneInfo(centre.time_zone)
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    residence = dict(
        Visit.objects.for_centre(centre)
        .filter(arrived_at__gte=since, arrived_at__lt=until)
        .exclude(residence_area="")
        .values_list("residence_area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Demand(themes=themes, occupations=occupations, residence=residence, small_cell=SMALL_CELL)
