"""Indicators at network scale: dashboard and comparison reads against DuckDB scanning the raw visits.

    .tools/bin/uv sync --frozen --group bench
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/indicators.py            # 50 Cités x 10 years
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/indicators.py --scale 0.05

1. Generates the raw records in PostgreSQL with INSERT … SELECT over generate_series (the fastest
   writer there is: no row crosses the client): 50 Cités x 10 years x 250 opening days x 160 visits
   ≈ 20 million visits, tickets for those who queue, interviews with a theme for those served.
2. Builds the aggregates with the product's own `rebuild()` for each Cité, and times it.
3. Times what the dashboard reads for one Cité-year and what the comparison reads for the whole
   network-year (median of several runs, after a warm-up), through the product's selectors.
4. Exports visits and tickets to Parquet and times DuckDB answering the same questions from the raw
   rows; prints a table and the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def timed(function, runs: int = 7) -> float:
    """Median wall time of `function` in milliseconds, after one warm-up run."""
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def generate(cursor, *, centres: list[int], first_year: int, years: int, per_day: int) -> None:
    """Raw visits, tickets, interviews and their themes, written by PostgreSQL itself."""
    start, end = date(first_year, 1, 1), date(first_year + years - 1, 12, 31)
    cursor.execute(
        """
        INSERT INTO reception_visit (centre_id, arrived_at, channel, age_band, gender, situation,
                                     education_level, residence_area, first_need_id, outcome)
        SELECT c.id,
               (d + make_interval(hours => 9 + (floor(random() * 8))::int, mins => (floor(random() * 60))::int))
                   AT TIME ZONE 'Europe/Paris',
               (ARRAY['walk_in','walk_in','walk_in','walk_in','walk_in','walk_in','phone','online'])
                   [1 + floor(random() * 8)::int],
               (ARRAY['u18','18_25','18_25','26_44','26_44','26_44','45_54','55p',''])[1 + floor(random() * 9)::int],
               (ARRAY['woman','woman','man','man','other','not_stated'])[1 + floor(random() * 6)::int],
               (ARRAY['jobseeker','jobseeker','student','employed','self_employed','inactive','other',''])
                   [1 + floor(random() * 8)::int],
               (ARRAY['none','secondary','upper_secondary','short_higher','higher',''])[1 + floor(random() * 6)::int],
               '',
               (SELECT a.id FROM reception_advicearea a WHERE a.centre_id = c.id ORDER BY a.position
                OFFSET floor(random() * 6)::int LIMIT 1),
               CASE WHEN random() < 0.8 THEN 'queue' ELSE 'self_service' END
        FROM unnest(%(centres)s::int[]) AS c(id),
             generate_series(%(start)s::date, %(end)s::date, interval '1 day') AS d,
             generate_series(1, %(per_day)s) AS n
        WHERE extract(isodow FROM d) <= 5
        """,
        {"centres": centres, "start": start, "end": end, "per_day": per_day},
    )
    cursor.execute(
        """
        INSERT INTO reception_ticket (centre_id, visit_id, area_id, service_date, number, status, created_at,
                                      called_at, started_at, finished_at, desk, call_count, secret)
        SELECT v.centre_id, v.id, v.first_need_id, (v.arrived_at AT TIME ZONE 'Europe/Paris')::date,
               row_number() OVER (PARTITION BY v.first_need_id, (v.arrived_at AT TIME ZONE 'Europe/Paris')::date
                                  ORDER BY v.arrived_at, v.id),
               s.status, v.arrived_at,
               CASE WHEN s.status IN ('done', 'no_show') THEN v.arrived_at + s.wait END,
               CASE WHEN s.status = 'done' THEN v.arrived_at + s.wait + interval '1 minute' END,
               CASE WHEN s.status = 'done' THEN v.arrived_at + s.wait + s.service END,
               '1', 1, md5(v.id::text || random()::text) || v.id::text
        FROM reception_visit v
        CROSS JOIN LATERAL (
            SELECT CASE WHEN r < 0.86 THEN 'done' WHEN r < 0.92 THEN 'no_show' WHEN r < 0.97 THEN 'left'
                        ELSE 'cancelled' END AS status,
                   make_interval(mins => 2 + (floor(random() * 45))::int) AS wait,
                   make_interval(mins => 8 + (floor(random() * 35))::int) AS service
            FROM (SELECT random() + v.id * 0 AS r) AS draw
        ) AS s
        WHERE v.outcome = 'queue'
        """
    )
    cursor.execute(
        """
        INSERT INTO reception_interview (centre_id, ticket_id, area_id, adviser_id, orientations, recommendations,
                                         duration_minutes, notes, created_at, updated_at, satisfaction,
                                         satisfaction_comment)
        SELECT t.centre_id, t.id, t.area_id, (SELECT min(id) FROM accounts_user), '["workshop"]', '',
               greatest(1, extract(epoch FROM t.finished_at - t.started_at)::int / 60), '',
               t.finished_at, t.finished_at,
               CASE WHEN random() < 0.4 THEN 3 + floor(random() * 3)::int END, ''
        FROM reception_ticket t WHERE t.status = 'done'
        """
    )
    cursor.execute(
        """
        INSERT INTO reception_interview_themes (interview_id, theme_id)
        SELECT i.id, (SELECT th.id FROM reception_theme th WHERE th.centre_id = i.centre_id
                      ORDER BY th.position OFFSET floor(random() * 12)::int LIMIT 1)
        FROM reception_interview i
        """
    )
    cursor.execute("ANALYZE")


def duckdb_answers(con, *, centre_id: int, start: date, end: date) -> dict[str, float]:
    """The same questions, answered by DuckDB from the raw rows in Parquet (a subset in fact: no themes,
    no trends against the previous period, which the product's dashboard reads as well)."""
    cite = f"centre_id = {centre_id} AND day BETWEEN DATE '{start}' AND DATE '{end}'"

    def dashboard():
        for query in (
            f"SELECT count(*) FROM visits WHERE {cite}",
            f"SELECT date_trunc('month', day), count(*) FROM visits WHERE {cite} GROUP BY 1",
            *(
                f"SELECT first_need_id, {column}, count(*) FROM visits WHERE {cite} GROUP BY 1, 2"
                for column in ("channel", "age_band", "gender", "situation", "education_level", "outcome")
            ),
            f"SELECT dayofweek(day), hour, count(*) FROM visits WHERE {cite} GROUP BY 1, 2",
            f"SELECT status, count(*), median(wait), quantile_cont(wait, 0.9) FROM tickets WHERE {cite} GROUP BY 1",
        ):
            con.execute(query).fetchall()

    def comparison():
        period = f"day BETWEEN DATE '{start}' AND DATE '{end}'"
        con.execute(f"SELECT centre_id, count(*) FROM visits WHERE {period} GROUP BY 1").fetchall()
        con.execute(
            f"SELECT centre_id, median(wait), quantile_cont(wait, 0.9), count(*) FILTER (status = 'no_show') "
            f"FROM tickets WHERE {period} GROUP BY 1"
        ).fetchall()

    return {"dashboard": timed(dashboard), "comparison": timed(comparison)}


def build(*, centres_count: int, years: int, per_day: int) -> None:
    """Phase 1: the Cités, their raw records and the product's aggregates; what it took is kept in
    a small table of the same database, for the measuring phase to print."""
    from django.core.management import call_command
    from django.db import connection

    from citemetiers.centres.services import centre_create
    from citemetiers.indicators.services import rebuild
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    UserFactory()
    clock = time.perf_counter()
    centres = [
        centre_create(
            slug=f"bench-{n}",
            host_organisation_name="Hôte",
            data={
                "name": f"Cité {n}",
                "country": "FR",
                "city": "Ville",
                "languages": ["fr"],
                "time_zone": "Europe/Paris",
                "opening_hours": {str(d): [["09:00", "17:00"]] for d in range(5)},
            },
            actor=None,
        )
        for n in range(centres_count)
    ]
    first_year = date.today().year - years
    with connection.cursor() as cursor:
        generate(cursor, centres=[c.pk for c in centres], first_year=first_year, years=years, per_day=per_day)
    generated = time.perf_counter() - clock
    print(f"Generated in {generated:.0f} s.", flush=True)
    clock = time.perf_counter()
    for n, centre in enumerate(centres, 1):
        rebuild(centre=centre)
        print(f"Rebuilt {n}/{len(centres)} Cités ({time.perf_counter() - clock:.0f} s).", flush=True)
    rebuilt = time.perf_counter() - clock
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CREATE TABLE bench_build (first_year int, years int, generated float, rebuilt float)")
        cursor.execute("INSERT INTO bench_build VALUES (%s, %s, %s, %s)", [first_year, years, generated, rebuilt])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--centres", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-day", type=int, default=160, help="visits per opening day and Cité")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the number of Cités and years")
    parser.add_argument(
        "--phase",
        choices=["all", "build", "measure"],
        default="all",
        help="build the data only, or measure a database built before (DATABASE_URL to a kept server)",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Run through scripts/with_postgres.py (or with DATABASE_URL set to PostgreSQL).", file=sys.stderr)
        return 2
    centres_count = max(2, round(args.centres * args.scale))
    years = max(1, round(args.years * min(1.0, args.scale * 4)))

    import django

    django.setup()
    if args.phase in ("all", "build"):
        build(centres_count=centres_count, years=years, per_day=args.per_day)
    if args.phase in ("all", "measure"):
        measure()
    return 0


def measure() -> None:
    """Phase 2: the product's reads against DuckDB's scan of the raw rows, on a quiet machine."""
    import duckdb
    from django.core.management import call_command
    from django.db import connection

    from citemetiers.centres.models import Centre
    from citemetiers.indicators.selectors import network_comparison, totals
    from citemetiers.indicators.tables import dashboard_tables, heatmap_table, trend_tables

    call_command("migrate", verbosity=0)  # a database built before a newer migration gets its tables
    if "bench_build" not in connection.introspection.table_names():
        sys.exit("No benchmark data in this database: run --phase build (or all) first.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT first_year, years, generated, rebuilt FROM bench_build")
        first_year, years, generated, rebuilt = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM reception_visit")
        visits = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reception_ticket")
        tickets = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM indicators_dailycount")
        daily_rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM indicators_monthlycount")
        monthly_rows = cursor.fetchone()[0]
    centres = Centre.objects.filter(slug__startswith="bench-").order_by("pk")
    centres_count = centres.count()

    year = first_year + years - 1
    centre = centres[0]
    # The dashboard and the comparison over a year and over three years (the longest period offered).
    periods = {
        "year": (date(year, 1, 1), date(year, 12, 31)),
        "three years": (date(year - 2, 1, 1), date(year, 12, 31)),
    }

    def dashboard(start, end):
        figures = totals(centre=centre, start=start, end=end)
        dashboard_tables(centre=centre, totals=figures, start=start, end=end, step="month", language="fr")
        heatmap_table(centre=centre, start=start, end=end)
        length = end - start + timedelta(days=1)
        previous = totals(centre=centre, start=start - length, end=start - timedelta(days=1))
        trend_tables(centre=centre, current=figures, previous=previous, language="fr")

    ours = {}
    for label, (start, end) in periods.items():
        ours[("dashboard", label)] = timed(lambda start=start, end=end: dashboard(start, end))
        ours[("comparison", label)] = timed(
            lambda start=start, end=end: network_comparison(centre=centre, start=start, end=end)
        )

    with tempfile.TemporaryDirectory(prefix="cm-bench-") as tmp:
        visits_csv, tickets_csv = Path(tmp) / "visits.csv", Path(tmp) / "tickets.csv"
        with connection.cursor() as cursor:
            for query, path in (
                (
                    "COPY (SELECT centre_id, (arrived_at AT TIME ZONE 'Europe/Paris')::date AS day, "
                    "extract(hour FROM arrived_at AT TIME ZONE 'Europe/Paris')::int AS hour, first_need_id, channel, "
                    "age_band, gender, situation, education_level, outcome FROM reception_visit) "
                    "TO STDOUT WITH CSV HEADER",
                    visits_csv,
                ),
                (
                    "COPY (SELECT centre_id, service_date AS day, area_id, status, "
                    "extract(epoch FROM called_at - created_at) / 60 AS wait FROM reception_ticket) "
                    "TO STDOUT WITH CSV HEADER",
                    tickets_csv,
                ),
            ):
                with path.open("wb") as out, cursor.connection.cursor().copy(query) as copy:
                    for block in copy:
                        out.write(block)
        con = duckdb.connect()
        for name, path in (("visits", visits_csv), ("tickets", tickets_csv)):
            parquet = Path(tmp) / f"{name}.parquet"
            con.execute(f"COPY (SELECT * FROM read_csv_auto('{path}')) TO '{parquet}' (FORMAT PARQUET)")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{parquet}')")
        theirs = {}
        for label, (start, end) in periods.items():
            answers = duckdb_answers(con, centre_id=centre.pk, start=start, end=end)
            theirs[("dashboard", label)] = answers["dashboard"]
            theirs[("comparison", label)] = answers["comparison"]

    lines = [
        f"Scale: {centres_count} Cités x {years} years: {visits:,} visits, {tickets:,} tickets; "
        f"{daily_rows:,} daily and {monthly_rows:,} monthly aggregate rows.",
        f"Generated in {generated:.0f} s (PostgreSQL INSERT … SELECT); aggregates rebuilt by the product in "
        f"{rebuilt:.0f} s.",
        "",
        "| request | citemetiers (aggregates, PostgreSQL) | DuckDB (raw rows, Parquet) | DuckDB / citemetiers "
        "| under 300 ms |",
        "|---|---|---|---|---|",
    ]
    for name, label in (
        (("dashboard", "year"), f"dashboard, one Cité, {year}"),
        (("dashboard", "three years"), f"dashboard, one Cité, {year - 2}–{year}"),
        (("comparison", "year"), f"comparison, the {centres_count} Cités, {year}"),
        (("comparison", "three years"), f"comparison, the {centres_count} Cités, {year - 2}–{year}"),
    ):
        lines.append(
            f"| {label} | {ours[name]:.0f} ms | {theirs[name]:.0f} ms | {theirs[name] / ours[name]:.2f} "
            f"| {'yes' if ours[name] < 300 else 'NO'} |"
        )
    print("\n".join(lines))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"indicators-{date.today().isoformat()}.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times through the test client still run in the tenancy middleware's scopes.
    with scopes_disabled():
        sys.exit(main())
