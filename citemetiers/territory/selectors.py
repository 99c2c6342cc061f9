"""Reads of the territory's directory, scoped to the Cité."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from citemetiers.territory.hours import is_open_now
from citemetiers.territory.models import Service

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre

PAGE_SIZE = 50


def services_matching(
    *, centre: Centre, text: str = "", theme: str = "", public: str = "", place: str = ""
) -> QuerySet[Service]:
    """The Cité's services matching a need (theme), a public, a place (town, postcode or zone code)."""
    services: QuerySet[Service] = Service.objects.filter(centre=centre)
    if text:
        services = services.filter(
            Q(name__icontains=text) | Q(description__icontains=text) | Q(structure__name__icontains=text)
        )
    if theme:
        # A category ("se-former") takes its themes ("se-former--trouver-sa-formation"). The lists are
        # matched as JSON text, quotes included, which SQLite and PostgreSQL both do.
        services = services.filter(themes__icontains=f'"{theme}"' if "--" in theme else f'"{theme}--')
    if public:
        services = services.filter(Q(publics__icontains=f'"{public}"') | Q(publics__icontains='"tous-publics"'))
    if place:
        services = services.filter(
            Q(commune__iexact=place)
            | Q(postcode=place)
            | Q(structure__commune__iexact=place)
            | Q(zone__icontains=f'"{place}"')
        )
    return services


def services_search(
    *, centre: Centre, text: str = "", theme: str = "", public: str = "", place: str = "", open_now: bool = False
) -> list[Service]:
    """The first page of the services matching, those open now only when asked."""
    services = services_matching(centre=centre, text=text, theme=theme, public=public, place=place)
    ordered = services.order_by("name", "pk")
    if not open_now:
        return list(ordered.select_related("structure")[:PAGE_SIZE])
    # Opening hours are a grammar, not a column: "open now" is evaluated on the candidates' hours alone
    # (a service's own, else its structure's), once per distinct text, then the page's rows are read whole.
    now = dt.datetime.now(dt.UTC)
    verdicts: dict[str, bool] = {}
    shown: list[int] = []
    rows = ordered.values_list("pk", "opening_hours", "structure__opening_hours")
    for pk, own, structures in rows.iterator(chunk_size=2000):
        value = own or structures
        if value not in verdicts:
            verdicts[value] = bool(is_open_now(value, timezone=centre.time_zone, now=now))
        if verdicts[value]:
            shown.append(pk)
            if len(shown) == PAGE_SIZE:
                break
    found = Service.objects.filter(pk__in=shown).select_related("structure").in_bulk()
    return [found[pk] for pk in shown]


def services_on_map(*, centre: Centre) -> list[dict]:
    """The services that have coordinates, as the map's markers: few columns, no model instances."""
    rows = (
        Service.objects.filter(centre=centre, latitude__isnull=False, longitude__isnull=False)
        .order_by("pk")
        .values_list("pk", "name", "latitude", "longitude")
    )
    return [{"id": pk, "name": name, "lat": lat, "lon": lon} for pk, name, lat, lon in rows]
