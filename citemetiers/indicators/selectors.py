"""Reads of the aggregates: a Cité's dashboard and the network comparison.

Only aggregates leave a Cité, and any figure resting on fewer than SMALL_CELL visits is
suppressed wherever it leaves (screen, export): `suppress()` is the one place that decides.
"""

from __future__ import annotations

import operator
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.db.models import Q, Sum
from django.db.models.functions import ExtractIsoWeekDay

from citemetiers.centres.tenancy import network_wide_read
from citemetiers.indicators.models import ActivityReport, DailyCount, MonthlyCount, MonthlyTotal, ReportStatus
from citemetiers.indicators.services import MAX_MINUTES, refresh_changed, refresh_changed_everywhere

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import QuerySet

    from citemetiers.centres.models import Centre
    from citemetiers.reception.models import AdviceArea

SMALL_CELL = 5
# A Cité reads the network's quartiles only when they rest on at least this many other Cités:
# with fewer, knowing its own figure, it could work the others' figures out of them.
MIN_OTHER_CITES = 3


def suppress(value: float | None, visits: int) -> float | None:
    """A figure shared beyond its Cité, or None when it rests on fewer than SMALL_CELL visits."""
    return value if visits >= SMALL_CELL else None


def percentile(histogram: dict[str, int], q: float) -> int | None:
    """The q-quantile (0..1) of minutes kept as {minute: count}; exact to the minute."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = q * (total - 1)
    seen = 0
    for minute in sorted(histogram, key=int):
        seen += histogram[minute]
        if seen > rank:
            return int(minute)
    return MAX_MINUTES


@dataclass
class Totals:
    """Sums over a period: {metric: {key: value}}."""

    by_metric: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def count(self, metric: str, key: str = "") -> int:
        return self.by_metric[metric][key]

    def keys(self, metric: str) -> Counter:
        return self.by_metric[metric]

    @property
    def visits(self) -> int:
        return self.count("visits")

    def median_wait(self) -> int | None:
        return percentile(self.keys("wait_minutes"), 0.5)

    def p90_wait(self) -> int | None:
        return percentile(self.keys("wait_minutes"), 0.9)

    def median_service(self) -> int | None:
        return percentile(self.keys("service_minutes"), 0.5)

    def no_show_rate(self) -> float | None:
        called = self.keys("status")["done"] + self.keys("status")["no_show"]
        return round(100 * self.keys("status")["no_show"] / called, 1) if called else None

    def satisfaction(self) -> float | None:
        ratings = self.keys("satisfaction")
        answers = sum(ratings.values())
        return round(sum(int(k) * v for k, v in ratings.items()) / answers, 2) if answers else None

    def interviews_per_visit(self) -> float | None:
        return round(self.count("interviews") / self.visits, 2) if self.visits else None

    def event_fill_rate(self) -> float | None:
        """Places held in the events, out of the places they offered (%)."""
        places = self.count("event_places")
        return round(100 * self.count("event_registered") / places, 1) if places else None

    def event_no_show_rate(self) -> float | None:
        """Places held in the events and not checked in at the door, out of the places held (%)."""
        held = self.count("event_registered")
        return round(100 * self.count("event_no_shows") / held, 1) if held else None


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def totals(
    *,
    centre: Centre,
    start: date,
    end: date,
    area: AdviceArea | None = None,
    metrics: Iterable[str] | None = None,
) -> Totals:
    """Sums of the aggregates of one Cité from `start` to `end` included."""
    refresh_changed(centre=centre)
    return _sums(centre=centre, start=start, end=end, area=area, metrics=metrics).get(centre.pk, Totals())


def totals_by_centre(*, start: date, end: date, metrics: Iterable[str] | None = None) -> dict[int, Totals]:
    """Every Cité's sums from `start` to `end` included, by Cité: the network comparison's read.

    The one read of the indicators across Cités; its callers suppress small cells before anything
    leaves a Cité (`network_comparison`).
    """
    refresh_changed_everywhere()
    with network_wide_read():
        # The network comparison sets each Cité's figures beside the others': a deliberate read of
        # every Cité's aggregates (anonymous sums, suppressed under SMALL_CELL before display).
        return _sums(centre=None, start=start, end=end, area=None, metrics=metrics)


def _sums(
    *, centre: Centre | None, start: date, end: date, area: AdviceArea | None, metrics: Iterable[str] | None
) -> dict[int, Totals]:
    # Whole calendar months are read from the monthly sums, the days at either end from the daily ones.
    first_full = start if start.day == 1 else _next_month(start)
    after_full = _next_month(end) if _next_month(end) - timedelta(days=1) == end else end.replace(day=1)
    parts: list[QuerySet[Any]] = []
    if first_full < after_full:
        # Every area at once reads the sums over the areas: six times fewer rows for six areas.
        monthly = MonthlyCount if area is not None else MonthlyTotal
        parts.append(monthly.objects.filter(month__gte=first_full, month__lt=after_full))
        if start < first_full:
            parts.append(DailyCount.objects.filter(day__gte=start, day__lt=first_full))
        if after_full <= end:
            parts.append(DailyCount.objects.filter(day__gte=after_full, day__lte=end))
    else:
        parts.append(DailyCount.objects.filter(day__gte=start, day__lte=end))
    result: dict[int, Totals] = defaultdict(Totals)
    for rows in parts:
        if centre is not None:
            rows = rows.filter(centre=centre)
        if area is not None:
            rows = rows.filter(area=area)
        if metrics is not None:
            rows = rows.filter(metric__in=metrics)
        for centre_id, metric, key, value in rows.values_list("centre", "metric", "key").annotate(v=Sum("value")):
            result[centre_id].by_metric[metric][key] += value
    return result


def visits_over_time(
    *, centre: Centre, start: date, end: date, area: AdviceArea | None = None, step: str = "day"
) -> list[tuple[date, int]]:
    """Visits per day, week (starting Monday) or month, with the empty periods shown as 0."""
    rows = DailyCount.objects.filter(centre=centre, metric="visits", day__gte=start, day__lte=end)
    if area is not None:
        rows = rows.filter(area=area)
    per_day = Counter(dict(rows.values_list("day").annotate(v=Sum("value"))))

    def bucket(day: date) -> date:
        if step == "week":
            return day - timedelta(days=day.weekday())
        if step == "month":
            return day.replace(day=1)
        return day

    series: Counter = Counter()
    day = start
    while day <= end:
        series[bucket(day)] += per_day.get(day, 0)
        day += timedelta(days=1)
    return sorted(series.items())


def arrivals_heatmap(
    *, centre: Centre, start: date, end: date, area: AdviceArea | None = None
) -> dict[tuple[int, int], int]:
    """Visits by (weekday, hour) over the period."""
    refresh_changed(centre=centre)
    rows = DailyCount.objects.filter(centre=centre, metric="arrival_hour", day__gte=start, day__lte=end)
    if area is not None:
        rows = rows.filter(area=area)
    # Summed by the database: a year of a Cité is some 40 cells, not the ~12,000 daily rows.
    cells = rows.annotate(weekday=ExtractIsoWeekDay("day")).values_list("weekday", "key").annotate(v=Sum("value"))
    return {(weekday - 1, int(hour)): value for weekday, hour, value in cells.order_by()}


# The indicators every Cité shares with the network: (code, how to read it from Totals, what it rests on).
def _registered(totals: Totals) -> int:
    return totals.count("event_registered")


def _visits(totals: Totals) -> int:
    return totals.visits


SHARED_INDICATORS = [
    ("visits", lambda t: t.visits, _visits),
    ("interviews_per_visit", lambda t: t.interviews_per_visit(), _visits),
    ("median_wait", lambda t: t.median_wait(), _visits),
    ("p90_wait", lambda t: t.p90_wait(), _visits),
    ("median_service", lambda t: t.median_service(), _visits),
    ("no_show_rate", lambda t: t.no_show_rate(), _visits),
    ("satisfaction", lambda t: t.satisfaction(), _visits),
    # The events' figures rest on the places held: fewer than SMALL_CELL registrations are suppressed.
    ("event_attendance", lambda t: t.count("event_attended"), _registered),
    ("event_fill_rate", lambda t: t.event_fill_rate(), _registered),
    ("event_no_show_rate", lambda t: t.event_no_show_rate(), _registered),
]


# What the shared indicators are computed from: reading only these keeps a network-year small.
COMPARISON_METRICS = [
    "visits",
    "interviews",
    "status",
    "wait_minutes",
    "service_minutes",
    "satisfaction",
    "event_places",
    "event_registered",
    "event_attended",
    "event_no_shows",
]


@dataclass
class Comparison:
    code: str
    own: float | None
    median: float | None
    q1: float | None
    q3: float | None
    cites: int
    by_centre: dict[int, float | None]


def _quartiles(values: list[float]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return round(q1, 2), round(median, 2), round(q3, 2)


def network_comparison(*, centre: Centre | None = None, start: date, end: date) -> list[Comparison]:
    """Each shared indicator of every Cité over the period, suppressed under SMALL_CELL visits,
    with the network's median and quartiles computed from the figures that may be shown; read for a
    Cité, the quartiles are withheld when fewer than MIN_OTHER_CITES other Cités make them."""
    per_centre = totals_by_centre(start=start, end=end, metrics=COMPARISON_METRICS)
    comparisons = []
    for code, read, base in SHARED_INDICATORS:
        values = {
            centre_id: suppress(read(centre_totals), base(centre_totals))
            for centre_id, centre_totals in per_centre.items()
        }
        shown = sorted(value for value in values.values() if value is not None)
        q1, median, q3 = _quartiles(shown)
        own = values.get(centre.pk) if centre is not None else None
        if centre is not None and len(shown) - (own is not None) < MIN_OTHER_CITES:
            q1 = median = q3 = None
        comparisons.append(
            Comparison(
                code=code,
                own=own,
                median=median,
                q1=q1,
                q3=q3,
                cites=len(shown),
                by_centre=values,
            )
        )
    return comparisons


def monthly_totals(
    *,
    centre: Centre,
    start: date,
    end: date,
    area: AdviceArea | None = None,
    metrics: Iterable[str] | None = None,
    refresh: bool = True,
) -> dict[date, Totals]:
    """One Cité's sums of each calendar month from `start` to `end` included, by the month's 1st.

    The series of a chart in two grouped reads (the whole months from the monthly sums, the days at
    either end from the daily ones) instead of one `totals()` per month. `refresh=False`: the caller
    has brought the Cité's changed days up to date already (one page's several series).
    """
    if refresh:
        refresh_changed(centre=centre)
    first_full = start if start.day == 1 else _next_month(start)
    after_full = _next_month(end) if _next_month(end) - timedelta(days=1) == end else end.replace(day=1)
    result: dict[date, Totals] = defaultdict(Totals)

    def narrowed(rows: QuerySet[Any]) -> QuerySet[Any]:
        rows = rows.filter(centre=centre)
        if area is not None:
            rows = rows.filter(area=area)
        return rows.filter(metric__in=metrics) if metrics is not None else rows

    if first_full < after_full:
        monthly = MonthlyCount if area is not None else MonthlyTotal
        rows = narrowed(monthly.objects.filter(month__gte=first_full, month__lt=after_full))
        for month, metric, key, value in rows.values_list("month", "metric", "key").annotate(v=Sum("value")):
            result[month].by_metric[metric][key] += value
        days = DailyCount.objects.filter(Q(day__gte=start, day__lt=first_full) | Q(day__gte=after_full, day__lte=end))
    else:
        days = DailyCount.objects.filter(day__gte=start, day__lte=end)
    for day, metric, key, value in narrowed(days).values_list("day", "metric", "key").annotate(v=Sum("value")):
        result[day.replace(day=1)].by_metric[metric][key] += value
    return result


@dataclass(frozen=True)
class Period:
    """One count to sum: a metric (and a key within it) of an advice area or of all, from `start` to
    `end` included."""

    start: date
    end: date
    metric: str
    key: str = ""
    area_id: int | None = None


def _period_conditions(periods: dict[Any, Period]) -> dict[str, dict[str, Q]]:
    """For each period (named p0, p1, … in the order given), what to read of the monthly sums of all
    areas ("total"), of one area ("area") and of the days at either end ("day"): the grouped reads of
    `period_sums` and `period_monthly_sums`."""
    conditions: dict[str, dict[str, Q]] = {"total": {}, "area": {}, "day": {}}
    for index, period in enumerate(periods.values()):
        if period.end < period.start:
            continue
        what = Q(metric=period.metric, key=period.key)
        if period.area_id is not None:
            what &= Q(area_id=period.area_id)
        # Whole months from the monthly sums, the days at either end from the daily ones (as `_sums`).
        first_full = period.start if period.start.day == 1 else _next_month(period.start)
        end_next = _next_month(period.end)
        after_full = end_next if end_next - timedelta(days=1) == period.end else period.end.replace(day=1)
        if first_full < after_full:
            kind = "area" if period.area_id is not None else "total"
            conditions[kind][f"p{index}"] = what & Q(month__gte=first_full, month__lt=after_full)
            days = Q(day__gte=period.start, day__lt=first_full) | Q(day__gte=after_full, day__lte=period.end)
        else:
            days = Q(day__gte=period.start, day__lte=period.end)
        conditions["day"][f"p{index}"] = what & days
    return conditions


def period_sums(*, centre: Centre, periods: dict[Any, Period]) -> dict[Any, int]:
    """Many `totals(...).count(metric, key)` of one Cité at once, by the caller's keys: at most three
    grouped reads (monthly sums of all areas, of one area, the days at the ends) whatever their number,
    where a list of projects read one `totals()` per objective. The caller has brought the Cité's
    changed days up to date (`refresh_changed`)."""
    sums: dict[Any, int] = dict.fromkeys(periods, 0)
    conditions = _period_conditions(periods)
    names = dict(enumerate(periods))
    for kind, model in (("total", MonthlyTotal), ("area", MonthlyCount), ("day", DailyCount)):
        if not conditions[kind]:
            continue
        found = model.objects.filter(centre=centre).aggregate(
            **{alias: Sum("value", filter=condition) for alias, condition in conditions[kind].items()}
        )
        for alias, value in found.items():
            sums[names[int(alias[1:])]] += value or 0
    return sums


@dataclass(frozen=True)
class ReportState:
    """Where a Cité stands with its activity report of a year: whether it is made, never what it says."""

    status: str  # a ReportStatus: DONE if any request of the year succeeded, else the latest's
    finished_at: datetime | None


def activity_reports_by_centre(*, year: int) -> dict[int, ReportState]:
    """Each Cité's activity report of `year`, by Cité id (a Cité that asked for none is absent).

    The network staff follow which Cités have made their report (a label is renewed on the year's
    figures). Only the state and its date leave the Cité: the figures and the PDF stay with its team.
    """
    with network_wide_read():
        # Deliberately across Cités, and only these three columns of each report of the year.
        rows = list(
            ActivityReport.objects.filter(year=year)
            .order_by("centre_id", "-requested_at", "-id")
            .values_list("centre_id", "status", "finished_at")
        )
    states: dict[int, ReportState] = {}
    for centre_id, status, finished_at in rows:
        known = states.get(centre_id)
        # The latest request tells the state, unless an earlier one is ready: a ready report stays ready.
        if known is None or (status == ReportStatus.DONE and known.status != ReportStatus.DONE):
            states[centre_id] = ReportState(status=status, finished_at=finished_at)
    return states


def period_monthly_sums(*, centre: Centre, periods: dict[Any, Period]) -> dict[Any, dict[date, int]]:
    """Many `monthly_totals(...)` series of one Cité at once, by the caller's keys: each period's sum in
    each calendar month, by the month's 1st (a month without any count is absent). At most three grouped
    reads (monthly sums of all areas, of one area, the days at the ends) whatever the number of series,
    where a project page read two per objective. The caller has brought the Cité's changed days up to
    date (`refresh_changed`)."""
    sums: dict[Any, dict[date, int]] = {name: defaultdict(int) for name in periods}
    conditions = _period_conditions(periods)
    names = dict(enumerate(periods))
    for kind, model, column in (
        ("total", MonthlyTotal, "month"),
        ("area", MonthlyCount, "month"),
        ("day", DailyCount, "day"),
    ):
        if not conditions[kind]:
            continue
        wanted = conditions[kind]
        rows = (
            model.objects.filter(centre=centre)
            .filter(reduce(operator.or_, wanted.values()))
            .order_by()
            .values(column)
            .annotate(**{alias: Sum("value", filter=condition) for alias, condition in wanted.items()})
        )
        for row in rows:
            month = row[column].replace(day=1)
            for alias in wanted:
                if row[alias]:
                    sums[names[int(alias[1:])]][month] += row[alias]
    return {name: dict(months) for name, months in sums.items()}
