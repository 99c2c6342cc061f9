"""Working groups at the scale of a busy Cité: p95 of a group page and of a meeting's pages, on PostgreSQL.

    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/groups.py [--groups 20 --years 5 --runs 60]

Test settings (no HTTP server: Django's test client in-process, so the figure is the view's own time,
queries included) on the database DATABASE_URL names, migrated first. One Cité with `--groups` groups of
8 members each from 4 organisations, a meeting a month for `--years` years, each with 3 agenda items,
the attendance of every member, frozen minutes of the 3 items and a decision every quarter. Times
`--runs` GETs of group pages (each group in turn), of meeting pages and of minutes pages after a
warm-up; prints median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import sys
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

from bench.pages import report, timed  # noqa: E402
from citemetiers.accounts.roles import Role  # noqa: E402
from citemetiers.groups.models import (  # noqa: E402
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MinuteItem,
    Minutes,
    MinutesState,
    Presence,
)
from tests.factories import CentreFactory, MembershipFactory, OrganisationFactory  # noqa: E402
from tests.groups.factories import WorkingGroupFactory  # noqa: E402


def build(groups: int, years: int):
    centre = CentreFactory(with_areas=True, slug="bench-groups")
    organisations = [OrganisationFactory(centre=centre) for _ in range(4)]
    staff = [
        MembershipFactory(centre=centre, roles=[Role.ADVISER], organisation=organisations[n % 4]) for n in range(24)
    ]
    start = timezone.now() - timedelta(days=365 * years)
    made = []
    for number in range(groups):
        group = WorkingGroupFactory(centre=centre)
        members = [group.convenor, *staff[number % 16 : number % 16 + 7]]
        group.members.set(members)
        meetings = Meeting.objects.bulk_create(
            Meeting(
                centre=centre,
                group=group,
                starts_at=start + timedelta(days=30 * m),
                ends_at=start + timedelta(days=30 * m, hours=2),
                place="Salle 1",
            )
            for m in range(12 * years)
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(centre=centre, meeting=m, title=f"Point {p}", proposed_by=members[p], position=p + 1)
            for m in meetings
            for p in range(3)
        )
        Attendance.objects.bulk_create(
            Attendance(centre=centre, meeting=m, member=member, status=Presence.ATTENDED)
            for m in meetings
            for member in members
        )
        minutes = {
            v.meeting_id: v
            for v in Minutes.objects.bulk_create(
                Minutes(centre=centre, meeting=m, state=MinutesState.FROZEN) for m in meetings
            )
        }
        MinuteItem.objects.bulk_create(
            MinuteItem(centre=centre, minutes=minutes[i.meeting_id], agenda_item=i, text="Compte rendu du point.")
            for i in items
        )
        Decision.objects.bulk_create(
            Decision(
                centre=centre,
                group=group,
                meeting=m,
                title=f"Décision {n}",
                decided_on=timezone.localtime(m.starts_at).date(),
            )
            for n, m in enumerate(meetings)
            if n % 3 == 0
        )
        made.append((group, meetings[-1]))
    return centre, made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        centre, made = build(args.groups, args.years)
    client = Client()
    client.force_login(made[0][0].convenor.user)
    base = f"/c/{centre.slug}/groups"
    print("| page | runs | median ms | p95 ms |\n|---|---|---|---|")
    report(
        f"group page ({12 * args.years} meetings, {4 * args.years} decisions)",
        timed(client, [f"{base}/{g.pk}/" for g, _m in made], args.runs),
    )
    report(
        "meeting page (3 items, 8 members)", timed(client, [f"{base}/meetings/{m.pk}/" for _g, m in made], args.runs)
    )
    report("minutes page", timed(client, [f"{base}/meetings/{m.pk}/minutes/" for _g, m in made], args.runs))
    report("groups list", timed(client, [f"{base}/"], args.runs))


if __name__ == "__main__":
    main()
