"""The public's origin on a map of the territory: the zones' outlines (GeoJSON, imported all or nothing,
every bad feature reported) and the visitors' residence areas counted per zone, drawn as server-side SVG.

Small cells are suppressed: a zone where fewer than the indicators' threshold of visitors live is drawn
and listed as "fewer than 5", since the map is what the Cité shows its partners. The table beside the
map is its accessible version.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.territory import perms
from citemetiers.territory.diagnostic import refused_message
from citemetiers.territory.interchange import ImportRefused, RowError
from citemetiers.territory.models import Zone, ZoneKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

TABLE = "shapes"
WIDTH = 600
# A sequential palette (ColorBrewer Blues, 4 classes) and the colour of a suppressed or empty zone.
PALETTE = ("#bdd7e7", "#6baed6", "#3182bd", "#08519c")
SUPPRESSED = "#eeeeee"


def _ring_ok(ring) -> bool:
    return (
        isinstance(ring, list)
        and len(ring) >= 4
        and all(
            isinstance(point, list)
            and len(point) >= 2
            and all(isinstance(v, int | float) and math.isfinite(v) for v in point[:2])
            and -180 <= point[0] <= 180
            and -90 <= point[1] <= 90
            for point in ring
        )
    )


def _geometry_ok(geometry) -> bool:
    if not isinstance(geometry, dict):
        return False
    coordinates = geometry.get("coordinates")
    if geometry.get("type") == "Polygon":
        polygons = [coordinates]
    elif geometry.get("type") == "MultiPolygon":
        polygons = coordinates if isinstance(coordinates, list) else [None]
    else:
        return False
    return all(isinstance(p, list) and p and all(_ring_ok(ring) for ring in p) for p in polygons)


def shapes_import(*, centre: Centre, text: str, actor: User, progress: Callable[[int], None] | None = None) -> int:
    """Set the outlines of the referential's zones from a GeoJSON FeatureCollection whose features carry
    `properties.code` (and `properties.kind` where two kinds share a code); returns the zones drawn."""
    membership_required(actor, centre.pk, perms.can_edit_directory, refused_message())
    try:
        features = json.loads(text.lstrip("\ufeff"))["features"]
        if not isinstance(features, list):
            raise TypeError
    except (ValueError, KeyError, TypeError) as exc:
        message = _("This file is not a GeoJSON FeatureCollection.")
        raise ImportRefused([RowError(TABLE, 1, "", message)]) from exc
    zones: dict[tuple[str, str], int] = {}
    by_code: dict[str, list[int]] = {}
    for kind, code, pk in Zone.objects.filter(centre=centre).values_list("kind", "code", "pk"):
        zones[(kind, code)] = pk
        by_code.setdefault(code, []).append(pk)
    errors, clean = [], {}
    for number, feature in enumerate(features, start=1):
        if progress is not None and number % 200 == 0:
            progress(5 + 85 * number // len(features))
        properties = (feature.get("properties") if isinstance(feature, dict) else None) or {}
        code, kind = str(properties.get("code", "")).strip(), str(properties.get("kind", "")).strip()
        candidates = [zones[(kind, code)]] if (kind, code) in zones else ([] if kind else by_code.get(code, []))
        if len(candidates) != 1:
            message = (
                _("Several zones have this code: give the feature its kind.")
                if len(candidates) > 1
                else _("No zone of the referential has this code.")
            )
            errors.append(RowError(TABLE, number, "code", message))
        elif not _geometry_ok(feature.get("geometry")):
            message = _("The geometry must be a Polygon or MultiPolygon of longitudes and latitudes.")
            errors.append(RowError(TABLE, number, "geometry", message))
        else:
            clean[candidates[0]] = feature["geometry"]
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        for pk, geometry in clean.items():
            Zone.objects.filter(centre=centre, pk=pk).update(shape=geometry)
        audit_log(actor=actor, action="territory.shapes_imported", target=centre, centre=centre,
                  changes={"zones": len(clean)})  # fmt: skip
    return len(clean)


# The visitor's residence area as reception records it (ISO 3166-2, "FR-69", "CH-GE") names a zone of
# the referential by the code after the country's: a département, a region or the Cité's own zone.
RESIDENCE_KINDS = (ZoneKind.DEPARTEMENT, ZoneKind.LOCAL, ZoneKind.REGION)


@dataclass(frozen=True)
class OriginCell:
    zone: Zone
    visitors: int | None  # None: fewer than the small-cell threshold (or none)
    path: str  # the zone's outline as an SVG path, "" without a shape
    fill: str
    small_cell: int = 5

    @property
    def title(self) -> str:
        """What the map says of the zone (its SVG title): its visitors, or that they are too few to tell."""
        if self.visitors is None:
            return _("%(zone)s: fewer than %(small)s") % {"zone": self.zone.name, "small": self.small_cell}
        return _("%(zone)s: %(visitors)s") % {"zone": self.zone.name, "visitors": self.visitors}

    @property
    def shown(self) -> bool:
        return bool(self.path) or self.visitors is not None


def _rings(geometry: dict) -> list[list]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def origin_cells(*, centre: Centre, residence: dict[str, int], small_cell: int = 5) -> list[OriginCell]:
    """Every zone a visitor may live in, with its visitors (suppressed under `small_cell`) and outline."""
    zones = list(Zone.objects.filter(centre=centre, kind__in=RESIDENCE_KINDS))
    counts: dict[int, int] = {}
    by_code = {}
    for zone in sorted(zones, key=lambda z: RESIDENCE_KINDS.index(z.kind), reverse=True):
        by_code[zone.code] = zone.pk  # the département first, where a region shares its code
    for area, visits in residence.items():
        pk = by_code.get(area) or by_code.get(area.split("-", 1)[-1])
        if pk:
            counts[pk] = counts.get(pk, 0) + visits
    shaped = [zone for zone in zones if zone.shape]
    points = [point for zone in shaped for ring in _rings(zone.shape) for point in ring]
    paths = {}
    if points:
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        # An equirectangular projection at the territory's mean latitude: true enough at a region's scale.
        squeeze = math.cos(math.radians((south + north) / 2))
        scale = WIDTH / max((east - west) * squeeze, 1e-9)
        for zone in shaped:
            paths[zone.pk] = " ".join(
                "M"
                + " L".join(f"{(x - west) * squeeze * scale:.1f},{(north - y) * scale:.1f}" for x, y, *_ in ring)
                + " Z"
                for ring in _rings(zone.shape)
            )
    shown = {pk: n for pk, n in counts.items() if n >= small_cell}
    top = max(shown.values(), default=0)
    cells = []
    for zone in zones:
        visitors = shown.get(zone.pk)
        fill = SUPPRESSED if visitors is None else PALETTE[min(len(PALETTE) - 1, len(PALETTE) * visitors // (top + 1))]
        cells.append(
            OriginCell(zone=zone, visitors=visitors, path=paths.get(zone.pk, ""), fill=fill, small_cell=small_cell)
        )
    return [cell for cell in cells if cell.shown]


def map_height(cells: list[OriginCell]) -> int:
    """The drawing's height, from the lowest point of its paths."""
    ys = [float(pair.split(",")[1]) for cell in cells for pair in cell.path.replace("M", " ").replace("L", " ")
          .replace("Z", " ").split()]  # fmt: skip
    return math.ceil(max(ys, default=0)) + 2
