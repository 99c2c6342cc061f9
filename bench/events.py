"""Events at the scale of a large Cité: registration throughput and the public agenda's p95, on PostgreSQL.

    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/events.py [--years 5 --per-week 15 --runs 60]

Test settings (no HTTP server: Django's test client in-process, so a page's figure is the view's own
time, queries included) on the database DATABASE_URL names, migrated first. One Cité with `--per-week`
sessions a week for `--years` years (the last two months still to come, as the agenda shows them), each
past session with 8 codes of which 6 attended; 3 event types.

- Registration throughput: `registration_create` (the session's row lock, the code, the audit entry,
  the indicators' day mark) called one after the other for `--seconds` seconds on the coming sessions,
  then from `--threads` threads at once on ONE session (every registration waits for the one before on
  the session's row: the worst case, a full workshop everybody wants).
- The public agenda `/agenda/<slug>/`, its embeddable snippet and its ICS: median and p95 of `--runs`
  GETs after a warm-up.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from bench.pages import report, timed  # noqa: E402
from citemetiers.events import services  # noqa: E402
from citemetiers.events.models import Registration, RegistrationStatus, Session  # noqa: E402
from tests.events.factories import EventTypeFactory  # noqa: E402
from tests.factories import CentreFactory  # noqa: E402

PAST_CODES, PAST_ATTENDED = 8, 6


def build(years: int, per_week: int):
    centre = CentreFactory(with_areas=True, slug="bench-events")
    types = [EventTypeFactory(centre=centre, name=name) for name in ("Atelier", "Réunion d'information", "Forum")]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    first = now - timedelta(days=365 * years - 60)
    count = years * 52 * per_week
    step = (365 * years * 24 * 60) / count  # minutes between two sessions
    sessions = Session.objects.bulk_create(
        Session(
            centre=centre,
            event_type=types[n % 3],
            title=f"Atelier {n}",
            room="Salle 1",
            capacity=12,
            starts_at=first + timedelta(minutes=step * n),
            ends_at=first + timedelta(minutes=step * n + 120),
        )
        for n in range(count)
    )
    past = [s for s in sessions if s.ends_at < now]
    Registration.objects.bulk_create(
        Registration(
            centre=centre,
            session=s,
            code=f"P{s.pk:07d}{n}"[-12:],
            secret=f"bench-{s.pk}-{n}".ljust(43, "x"),
            status=RegistrationStatus.ATTENDED if n < PAST_ATTENDED else RegistrationStatus.REGISTERED,
            created_at=s.starts_at - timedelta(days=3),
        )
        for s in past
        for n in range(PAST_CODES)
    )
    coming = [s for s in sessions if s.starts_at > now]
    return centre, len(sessions), len(past) * PAST_CODES, coming


def sequential(coming: list[Session], seconds: float) -> tuple[int, float]:
    done, begin = 0, time.perf_counter()
    while time.perf_counter() - begin < seconds:
        services.registration_create(session=coming[done % len(coming)], actor=None)
        done += 1
    return done, time.perf_counter() - begin


def contended(session: Session, threads: int, each: int) -> tuple[int, float]:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                for _ in range(each):
                    services.registration_create(session=session, actor=None)
        except BaseException as error:  # reported below, the run is void
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    begin = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return threads * each, time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-week", type=int, default=15)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        centre, sessions, codes, coming = build(args.years, args.per_week)
        print(f"{sessions} sessions, {codes} past codes, {len(coming)} sessions to come\n")
        # The contended run's session is kept apart: it starts empty.
        target = coming[-1]
        done, spent = sequential(coming[:-1], args.seconds)
        print(f"registrations one after the other: {done} in {spent:.1f} s = {done / spent:.0f}/s")
        Session.objects.filter(pk=target.pk).update(capacity=10)
        done, spent = contended(target, args.threads, 25)
        held = Registration.objects.filter(session=target, status=RegistrationStatus.REGISTERED).count()
        waiting = Registration.objects.filter(session=target, status=RegistrationStatus.WAITING).count()
        print(
            f"{args.threads} threads on one session of 10 places: {done} in {spent:.1f} s = {done / spent:.0f}/s"
            f" ({held} places, {waiting} waiting)\n"
        )
    client = Client()
    print("| page | runs | median ms | p95 ms |\n|---|---|---|---|")
    report("public agenda (60 days)", timed(client, f"/agenda/{centre.slug}/", args.runs))
    report("embeddable snippet", timed(client, f"/agenda/{centre.slug}/embed/", args.runs))
    report("agenda ICS", timed(client, f"/agenda/{centre.slug}/agenda.ics", args.runs))


if __name__ == "__main__":
    main()
