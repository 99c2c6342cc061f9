"""Projects at the scale of a busy Cité: p95 of a project page and of My tasks, on PostgreSQL.

    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/projects.py [--projects 50 --runs 50]
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/projects.py --months 24 --profile 20

Test settings (no HTTP server: Django's test client in-process, so the figure is the view's own time,
queries included) on the database DATABASE_URL names, migrated first. One Cité with a year of daily
indicator rows (visits and age bands), `--projects` projects of 3 measured objectives over the last
six months (`--months`: two years of daily rows and objectives over the last 24 months), 4 milestones
and 10 tasks each; one adviser owns 200 open tasks spread over the projects. Times `--runs` GETs of
project pages (each project in turn) and of My tasks after a warm-up; prints median and p95 in
milliseconds. `--profile N`: instead, N project-page GETs under cProfile, the top entries by
cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from citemetiers.accounts.roles import Role  # noqa: E402
from citemetiers.indicators.models import DailyCount  # noqa: E402
from citemetiers.indicators.services import months_rollup  # noqa: E402
from tests.factories import CentreFactory, MembershipFactory  # noqa: E402
from tests.projects.factories import MilestoneFactory, ObjectiveFactory, ProjectFactory, TaskFactory  # noqa: E402


def build(projects: int, months: int = 6):
    today = timezone.localdate()
    days = max(365, 31 * months + 31)
    centre = CentreFactory(with_areas=True, slug="bench-projects")
    adviser = MembershipFactory(centre=centre, roles=[Role.ADVISER])
    DailyCount.objects.bulk_create(
        DailyCount(centre=centre, day=today - timedelta(days=n), metric=metric, key=key, value=40 + n % 17)
        for n in range(days)
        for metric, key in (("visits", ""), ("age_band", "18_25"), ("age_band", "26_44"))
    )
    # The monthly sums the nightly closing keeps: a series reads its whole months from them.
    months_rollup(centre=centre)
    made = []
    for number in range(projects):
        project = ProjectFactory(centre=centre)
        for metric, key in (("visits", ""), ("age_band", "18_25"), ("age_band", "26_44")):
            ObjectiveFactory(
                project=project,
                metric=metric,
                metric_key=key,
                target=5000,
                period_start=(today - timedelta(days=30 * months)).replace(day=1),
                period_end=today + timedelta(days=180),
            )
        for m in range(4):
            MilestoneFactory(project=project, due_on=today + timedelta(days=30 * m))
        for t in range(10):
            owner = adviser if (number * 10 + t) % 5 < 2 else None
            TaskFactory(
                centre=centre, project=project, due_on=today + timedelta(days=t), **({"owner": owner} if owner else {})
            )
        made.append(project)
    return centre, adviser, made


def timed(client: Client, urls: list[str], runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock milliseconds of each GET; `cpu` receives this process's CPU milliseconds of each (the
    steadier gauge on a shared machine: other jobs' load stretches the wall clock, not this)."""
    for url in urls[:3]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    times = []
    for n in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    return times


def report(name: str, times: list[float], cpu: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"| {name} | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} | {statistics.median(cpu):.0f} |")


def profile(client: Client, urls: list[str], runs: int) -> None:
    timed(client, urls, 3)  # warm-up: templates compiled, caches filled
    profiler = cProfile.Profile()
    profiler.enable()
    timed(client, urls, runs)
    profiler.disable()
    if os.environ.get("PROFILE_OUT"):
        profiler.dump_stats(os.environ["PROFILE_OUT"])
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(35)
        print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--months", type=int, default=6)
    parser.add_argument("--profile", type=int, default=0)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        centre, adviser, projects = build(args.projects, args.months)
    client = Client()
    client.force_login(adviser.user)
    pages = [f"/c/{centre.slug}/projects/{p.pk}/" for p in projects]
    if args.profile:
        profile(client, pages, args.profile)
        return
    print("| page | runs | median ms | p95 ms | median CPU ms (this process) |\n|---|---|---|---|---|")
    cpu: list[float] = []
    times = timed(client, pages, args.runs, cpu)
    report(f"project page (3 measured objectives, {args.months} months)", times, cpu)
    cpu = []
    report("My tasks (200 open tasks)", timed(client, [f"/c/{centre.slug}/tasks/"], args.runs, cpu), cpu)


if __name__ == "__main__":
    main()
