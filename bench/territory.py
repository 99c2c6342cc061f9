"""The territory's directory at a region's data·inclusion extract size: p95 of the directory search and
of the map's data, on PostgreSQL.

    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/territory.py [--services 50000 --runs 60]

Test settings (Django's test client in-process: the view's own time, queries included) on the database
DATABASE_URL names, migrated first. One Cité with `--services` services over one structure per 2
services, spread over 200 communes, 16 themes and 3 publics, 9 in 10 with coordinates. Times `--runs`
GETs of each search (by need, by place, by text, need + public + place, open now) and of `map.json`,
after a warm-up; prints median and p95 in milliseconds. The target (issue 19): under 100 ms p95.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from bench.pages import report, timed  # noqa: E402
from citemetiers.accounts.roles import Role  # noqa: E402
from citemetiers.territory.models import Service, Structure  # noqa: E402
from citemetiers.territory.vocab import THEMES  # noqa: E402
from tests.factories import CentreFactory, MembershipFactory  # noqa: E402

PUBLICS = ["tous-publics", "jeunes", "demandeurs-emploi"]


def build(services: int):
    centre = CentreFactory(slug="bench-territory")
    today = dt.date.today()
    themes = [code for code, _label in THEMES]
    structures = Structure.objects.bulk_create(
        Structure(centre=centre, source="bench", source_id=f"s{n}", name=f"Structure {n}",
                  postcode=f"{69001 + n % 200}", commune=f"Commune {n % 200}", updated_on=today,
                  opening_hours="Mo-Fr 09:00-17:00")
        for n in range(services // 2 or 1)
    )  # fmt: skip
    for start in range(0, services, 5000):
        Service.objects.bulk_create(
            Service(centre=centre, structure=structures[n // 2 % len(structures)], source="bench", source_id=f"v{n}",
                    name=f"Atelier {n} {themes[n % len(themes)][:20]}", description="Un atelier collectif.",
                    themes=[themes[n % len(themes)]], publics=[PUBLICS[n % 3]], postcode=f"{69001 + n % 200}",
                    commune=f"Commune {n % 200}", zone=[f"{69001 + n % 200}"],
                    latitude=None if n % 10 == 0 else 45.0 + (n % 1000) / 1000,
                    longitude=None if n % 10 == 0 else 4.0 + (n % 997) / 1000,
                    opening_hours="Tu,Th 14:00-17:00" if n % 2 else "", updated_on=today)
            for n in range(start, min(start + 5000, services))
        )  # fmt: skip
    return centre, themes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        centre, themes = build(args.services)
        user = MembershipFactory(centre=centre, roles=[Role.RECEPTION]).user
    client = Client()
    client.force_login(user)
    base = f"/c/{centre.slug}/territory"
    theme = themes[3]
    print(f"{args.services} services\n\n| request | runs | median ms | p95 ms |\n|---|---|---|---|")
    report("search by need", timed(client, f"{base}/?theme={theme}", args.runs))
    report("search by place", timed(client, f"{base}/?place=69042", args.runs))
    report("search by text", timed(client, f"{base}/?text=Structure+123", args.runs))
    report("need + public + place", timed(client, f"{base}/?theme={theme}&public=jeunes&place=69042", args.runs))
    report("open now", timed(client, f"{base}/?open_now=on", args.runs))
    report("map.json (all markers)", timed(client, f"{base}/map.json", args.runs))
    report("map page (first page of the list)", timed(client, f"{base}/map/", args.runs))


if __name__ == "__main__":
    main()
