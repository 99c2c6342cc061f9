"""Keeping the daily aggregates: the reception marks a day as changed, the day is computed again.

A day is always computed whole from the raw records, so the kept-up-to-date figures and a
complete rebuild go through the same code and cannot drift apart.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractHour, TruncDate, TruncMonth
from django.utils import timezone

from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import centre_scope, network_wide_read
from citemetiers.events.selectors import held_figures
from citemetiers.indicators.models import DailyCount, DirtyDay, MonthlyCount, MonthlyTotal
from citemetiers.reception.models import Interview, Ticket, Visit

PROFILE_METRICS = ("channel", "age_band", "gender", "situation", "education_level", "outcome")
UNKNOWN = "unknown"
# Longer waits and interviews are counted in this last bucket: the percentiles stay exact below it.
MAX_MINUTES = 240


def day_mark_changed(*, centre_id: int, day: date) -> None:
    """Called by every reception write: cheap, idempotent, inside the caller's transaction.

    On PostgreSQL the writer holds the mark with the weakest row lock (FOR KEY SHARE) until it
    commits: writers never wait for each other, but a refresh, which deletes the mark before it
    computes the day, waits for every writer that relied on the mark, so their rows are in the
    counts (day_refresh). Looking first matters too: an INSERT that meets another transaction's
    uncommitted row for the same day waits for it, which would queue every check-in and call of a
    Cité behind each other. The row usually exists already (it stays until the day is computed
    again). A writer always takes the mark last, after its counters and tickets, so that no lock
    is ever waited for in the opposite order (see reception/ticketing.py)."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(DirtyDay._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE centre_id = %s AND day = %s FOR KEY SHARE",  # noqa: S608
                [centre_id, day],
            )
            marked = cursor.fetchone() is not None
    else:
        marked = DirtyDay.objects.filter(centre_id=centre_id, day=day).exists()
    if not marked:
        DirtyDay.objects.bulk_create([DirtyDay(centre_id=centre_id, day=day)], ignore_conflicts=True)


def lock_refreshes(centre: Centre) -> None:
    """Refreshes and rebuilds of one Cité run one at a time (they rewrite the same month's rows).

    FOR NO KEY UPDATE on the Cité's row: it does not conflict with the KEY SHARE lock that every
    insert referencing the Cité takes, so the reception is never held up by it. SQLite's IMMEDIATE
    transactions serialise writers already."""
    Centre.objects.select_for_update(no_key=True).filter(pk=centre.pk).values_list("pk", flat=True).first()


def _bounds(centre: Centre, day: date) -> tuple[datetime, datetime]:
    zone = ZoneInfo(centre.time_zone)
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def _minutes(start: datetime, end: datetime) -> str:
    return str(min(max(int((end - start).total_seconds() // 60), 0), MAX_MINUTES))


def event_counts(
    centre: Centre, start: datetime | None = None, end: datetime | None = None
) -> Counter[tuple[date, int | None, str, str]]:
    """The events' counts of each day (of their sessions' start, in the Cité's time), by the event
    type's advice area: {(day, area_id, metric, key): value}. A place held and not checked in is a
    no-show: before the session starts, its day's no-shows are the places still expected."""
    zone = ZoneInfo(centre.time_zone)
    counts: Counter = Counter()
    for starts_at, area_id, places, walk_ins, held, waiting, attended in held_figures(
        centre=centre, start=start, end=end
    ):
        day = timezone.localtime(starts_at, zone).date()
        for metric, value in (
            ("event_sessions", 1),
            ("event_places", places),
            ("event_registered", held),
            ("event_attended", attended + walk_ins),
            ("event_waiting", waiting),
            ("event_no_shows", held - attended),
        ):
            if value:
                counts[(day, area_id, metric, "")] += value
    return counts


def day_counts(centre: Centre, day: date) -> Counter[tuple[int | None, str, str]]:
    """Every count of one day of a Cité, from the raw records: {(area_id, metric, key): value}."""
    counts: Counter = Counter()
    start, end = _bounds(centre, day)
    zone = ZoneInfo(centre.time_zone)
    visits = Visit.objects.for_centre(centre).filter(arrived_at__gte=start, arrived_at__lt=end)
    for area_id, arrived_at, *profile in visits.values_list("first_need", "arrived_at", *PROFILE_METRICS):
        counts[(area_id, "visits", "")] += 1
        counts[(area_id, "arrival_hour", str(timezone.localtime(arrived_at, zone).hour))] += 1
        for metric, value in zip(PROFILE_METRICS, profile, strict=True):
            counts[(area_id, metric, value or UNKNOWN)] += 1
    tickets = Ticket.objects.for_centre(centre).filter(service_date=day)
    for area_id, status, created_at, called_at in tickets.values_list("area", "status", "created_at", "called_at"):
        counts[(area_id, "tickets", "")] += 1
        counts[(area_id, "status", status)] += 1
        if called_at:
            counts[(area_id, "wait_minutes", _minutes(created_at, called_at))] += 1
    interviews = Interview.objects.for_centre(centre).filter(ticket__service_date=day)
    for interview in interviews.prefetch_related("themes", "occupations").only(
        "id", "area_id", "duration_minutes", "orientations", "satisfaction"
    ):
        area_id = interview.area_id
        counts[(area_id, "interviews", "")] += 1
        counts[(area_id, "service_minutes", str(min(interview.duration_minutes, MAX_MINUTES)))] += 1
        for theme in interview.themes.all():
            counts[(area_id, "theme", str(theme.pk))] += 1
        for occupation in interview.occupations.all():
            counts[(area_id, "occupation", str(occupation.pk))] += 1
        for orientation in interview.orientations or ["none"]:
            counts[(area_id, "orientation", orientation)] += 1
        if interview.satisfaction:
            counts[(area_id, "satisfaction", str(interview.satisfaction))] += 1
    for (_day, area_id, metric, key), value in event_counts(centre, start, end).items():
        counts[(area_id, metric, key)] += value
    return counts


def day_refresh(*, centre: Centre, day: date) -> int:
    """Compute one day of a Cité again and replace its aggregates; returns the number of rows.

    The mark is deleted first and the day computed after, in one transaction: the DELETE waits for
    every writer still holding the mark (day_mark_changed), and the counts, read after it, see their
    rows. A writer that comes later waits for this transaction, finds no mark and writes a new one:
    no write can be counted by nobody, whichever moment it commits."""
    with transaction.atomic():
        lock_refreshes(centre)
        DirtyDay.objects.filter(centre=centre, day=day).delete()
        counts = day_counts(centre, day)
        rows = [
            (centre.pk, day, area_id, metric, key, value, False) for (area_id, metric, key), value in counts.items()
        ]
        DailyCount.objects.filter(centre=centre, day=day, imported=False).delete()
        _insert_rows(DailyCount, DAILY_FIELDS, rows)
        months_rollup(centre=centre, months=[day.replace(day=1)])
    return len(rows)


def months_rollup(*, centre: Centre, months: Iterable[date] | None = None) -> None:
    """Sum the daily counts of these months (all of them when None) into MonthlyCount, and over the
    advice areas into MonthlyTotal."""
    daily = DailyCount.objects.filter(centre=centre)
    monthly = MonthlyCount.objects.filter(centre=centre)
    monthly_totals = MonthlyTotal.objects.filter(centre=centre)
    wanted = None
    if months is not None:
        months = sorted(set(months))
        wanted = set(months)
        # One range over the (centre, day) index, the months outside the set dropped from the sums
        # below: an OR of one range per month cost more to build and to test than the rows it spared
        # (an import of a few thousand months spent most of its time there).
        daily = daily.filter(day__gte=months[0], day__lt=_next_month(months[-1]))
        monthly = monthly.filter(month__in=months)
        monthly_totals = monthly_totals.filter(month__in=months)
    sums = (
        daily.annotate(first=TruncMonth("day"))
        .values_list("first", "area", "metric", "key")
        .annotate(total=Sum("value"))
        .order_by()
    )
    # Read whole before writing: a COPY cannot run while the same connection still fetches rows.
    rows = [
        (centre.pk, month, area_id, metric, key, total)
        for month, area_id, metric, key, total in sums
        if wanted is None or month in wanted
    ]
    over_areas: Counter = Counter()
    for _centre, month, _area, metric, key, total in rows:
        over_areas[(month, metric, key)] += total
    with transaction.atomic():
        monthly.delete()
        monthly_totals.delete()
        _insert_rows(MonthlyCount, MONTHLY_FIELDS, rows)
        _insert_rows(
            MonthlyTotal,
            TOTAL_FIELDS,
            ((centre.pk, *month_metric_key, v) for month_metric_key, v in over_areas.items()),
        )


DAILY_FIELDS = ("centre", "day", "area", "metric", "key", "value", "imported")
MONTHLY_FIELDS = ("centre", "month", "area", "metric", "key", "value")
TOTAL_FIELDS = ("centre", "month", "metric", "key", "value")


# The model is one of the aggregates; its columns are read by name through _meta, which the stubs cannot follow.
def _insert_rows(model: type[Any], fields: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Write many aggregate rows without building a model instance for each (a Cité's rebuild writes
    hundreds of thousands): COPY on PostgreSQL, batched executemany elsewhere. Dates are the only
    values that need adapting; the other columns are integers, text and booleans."""
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    dates = [i for i, name in enumerate(fields) if name in ("day", "month")]
    quote = connection.ops.quote_name
    table, names = quote(meta.db_table), ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Table and column names come from the model, quoted; the values are parameters.
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        adapt = connection.ops.adapt_datefield_value
        for batch in _batched(rows, 5000):
            cursor.executemany(sql, [tuple(adapt(v) if i in dates else v for i, v in enumerate(r)) for r in batch])


def _batched(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def refresh_changed(*, centre: Centre) -> int:
    """Compute again every day of a Cité marked as changed; returns how many days."""
    days = list(DirtyDay.objects.filter(centre=centre).values_list("day", flat=True))
    for day in days:
        day_refresh(centre=centre, day=day)
    return len(days)


def refresh_changed_everywhere() -> int:
    """`refresh_changed` for every Cité with a changed day, each in its own scope; how many days."""
    with network_wide_read():
        # Which Cités have changed days: ids only; each Cité's days are then computed in its scope.
        centre_ids = set(DirtyDay.objects.values_list("centre_id", flat=True))
    total = 0
    for centre in Centre.objects.filter(pk__in=centre_ids).order_by("pk"):
        with centre_scope(centre):
            total += refresh_changed(centre=centre)
    return total


def centre_counts(centre: Centre) -> Counter[tuple[date, int | None, str, str]]:
    """Every count of every day of a Cité, from the raw records, in a few grouped queries:
    {(day, area_id, metric, key): value}. The rebuild's path, independent of day_counts()."""
    zone = ZoneInfo(centre.time_zone)
    counts: Counter = Counter()
    visits = Visit.objects.for_centre(centre).annotate(
        local_day=TruncDate("arrived_at", tzinfo=zone), local_hour=ExtractHour("arrived_at", tzinfo=zone)
    )
    for day, area_id, n in visits.values_list("local_day", "first_need").annotate(n=Count("id")):
        counts[(day, area_id, "visits", "")] += n
    for day, area_id, hour, n in visits.values_list("local_day", "first_need", "local_hour").annotate(n=Count("id")):
        counts[(day, area_id, "arrival_hour", str(hour))] += n
    for metric in PROFILE_METRICS:
        for day, area_id, value, n in visits.values_list("local_day", "first_need", metric).annotate(n=Count("id")):
            counts[(day, area_id, metric, value or UNKNOWN)] += n
    tickets = Ticket.objects.for_centre(centre)
    for day, area_id, status, n in tickets.values_list("service_date", "area", "status").annotate(n=Count("id")):
        counts[(day, area_id, "tickets", "")] += n
        counts[(day, area_id, "status", status)] += n
    called = tickets.exclude(called_at=None).values_list("service_date", "area", "created_at", "called_at")
    for day, area_id, created_at, called_at in called.iterator(chunk_size=5000):
        counts[(day, area_id, "wait_minutes", _minutes(created_at, called_at))] += 1
    interviews = Interview.objects.for_centre(centre)
    for day, area_id, minutes, n in interviews.values_list("ticket__service_date", "area", "duration_minutes").annotate(
        n=Count("id")
    ):
        counts[(day, area_id, "interviews", "")] += n
        counts[(day, area_id, "service_minutes", str(min(minutes, MAX_MINUTES)))] += n
    for relation, metric in (("themes", "theme"), ("occupations", "occupation")):
        # Read from the link table itself: "interviews.exclude(themes=None)" becomes a correlated
        # NOT EXISTS that PostgreSQL, before it has statistics, ran for minutes on a few thousand rows.
        links = getattr(Interview, relation).through.objects.filter(interview__centre=centre)
        rows = links.values_list("interview__ticket__service_date", "interview__area", f"{metric}_id")
        for day, area_id, pk, n in rows.annotate(n=Count("id")):
            counts[(day, area_id, metric, str(pk))] += n
    for day, area_id, orientations in interviews.values_list("ticket__service_date", "area", "orientations").iterator(
        chunk_size=5000
    ):
        for orientation in orientations or ["none"]:
            counts[(day, area_id, "orientation", orientation)] += 1
    rated = interviews.exclude(satisfaction=None).values_list("ticket__service_date", "area", "satisfaction")
    for day, area_id, rating, n in rated.annotate(n=Count("id")):
        counts[(day, area_id, "satisfaction", str(rating))] += n
    counts.update(event_counts(centre))
    return counts


def rebuild(*, centre: Centre) -> int:
    """Throw a Cité's aggregates away and compute them again from the raw records; returns the days.

    The marks stay: a day written while the Cité is read whole keeps its mark and is computed again
    by the next refresh, instead of being lost between the read and the write."""
    with transaction.atomic():
        lock_refreshes(centre)
        counts = centre_counts(centre)
        rows = (
            (centre.pk, day, area_id, metric, key, value, False)
            for (day, area_id, metric, key), value in counts.items()
        )
        DailyCount.objects.filter(centre=centre, imported=False).delete()
        _insert_rows(DailyCount, DAILY_FIELDS, rows)
        months_rollup(centre=centre)
    return len({day for day, *_rest in counts})
