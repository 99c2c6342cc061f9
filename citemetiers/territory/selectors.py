"""Reads of the territory's directory, scoped to the Cité."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Q, QuerySet

from citemetiers.territory.hours import is_open_now
from citemetiers.territory.models import Service, Structure
from citemetiers.territory.vocab import THEMES

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre

PAGE_SIZE = 50


def _theme_codes(theme: str) -> list[str]:
    """A theme, or a category's themes ("se-former" takes "se-former--trouver-sa-formation"...)."""
    return [theme] if "--" in theme else [code for code, _label in THEMES if code.startswith(f"{theme}--")]


# The structures matching are read first, and their ids given to the services' query so that its
# index answers it; past this many, a subquery (also every database's limit on parameters).
STRUCTURE_IDS = 500


def _structures(structures: QuerySet[Structure]) -> Q:
    ids = list(structures.values_list("pk", flat=True)[: STRUCTURE_IDS + 1])
    return Q(structure_id__in=ids) if len(ids) <= STRUCTURE_IDS else Q(structure__in=structures.values("pk"))


def search_criteria(*, centre: Centre, text: str = "", theme: str = "", public: str = "", place: str = "") -> list[Q]:
    """The conditions on the Cité's services that a search by need (theme), public, place (town, postcode
    or zone code) and words sets, one per criterion given.

    On PostgreSQL each is written so that an index answers it (migration 0007: trigrams for the words,
    GIN for the JSON lists, the structures' matches read first by their own index); on SQLite the lists
    are matched as JSON text, quotes included, over the rows.
    """
    postgres = connection.vendor == "postgresql"
    structures = Structure.objects.filter(centre=centre)
    found = []
    if text:
        found.append(
            Q(name__icontains=text)
            | Q(description__icontains=text)
            | _structures(structures.filter(name__icontains=text))
        )
    if theme and postgres:
        found.append(Q(themes__has_any_keys=_theme_codes(theme) or [theme]))
    elif theme:
        found.append(Q(themes__icontains=f'"{theme}"' if "--" in theme else f'"{theme}--'))
    if public and postgres:
        found.append(Q(publics__has_any_keys=[public, "tous-publics"]))
    elif public:
        found.append(Q(publics__icontains=f'"{public}"') | Q(publics__icontains='"tous-publics"'))
    if place:
        in_zone = Q(zone__has_key=place) if postgres else Q(zone__icontains=f'"{place}"')
        found.append(
            Q(commune__iexact=place)
            | Q(postcode=place)
            | _structures(structures.filter(commune__iexact=place))
            | in_zone
        )
    return found


def services_matching(
    *, centre: Centre, text: str = "", theme: str = "", public: str = "", place: str = ""
) -> QuerySet[Service]:
    """The Cité's services matching every criterion given (search_criteria)."""
    criteria = search_criteria(centre=centre, text=text, theme=theme, public=public, place=place)
    return Service.objects.filter(*criteria, centre=centre)


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


def services_placed(*, centre: Centre) -> QuerySet:
    """The services that have coordinates, in a stable order, as the map's few columns (no model instances)."""
    return (
        Service.objects.filter(centre=centre, latitude__isnull=False, longitude__isnull=False)
        .order_by("pk")
        .values("id", "name", "latitude", "longitude")
    )


# The markers' JSON written by the database from the query above: at a region's 50,000 services, building
# and encoding the dicts in Python was most of map.json's time.
_MARKERS_SQL = {
    "postgresql": "SELECT COALESCE(json_agg(json_build_object('id', t.id, 'name', t.name, 'lat', t.latitude, "
    "'lon', t.longitude) ORDER BY t.id), '[]')::text FROM ({}) t",
    "sqlite": "SELECT COALESCE(json_group_array(json_object('id', t.id, 'name', t.name, 'lat', t.latitude, "
    "'lon', t.longitude)), '[]') FROM ({}) t",
}


def services_on_map_json(*, centre: Centre) -> str:
    """The map's markers, `[{"id", "name", "lat", "lon"}, ...]`, as JSON text."""
    sql, params = services_placed(centre=centre).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_MARKERS_SQL[connection.vendor].format(sql), params)
        return cursor.fetchone()[0]
