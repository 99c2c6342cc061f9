"""The territorial diagnostic: a referential of zones and the labour-market figures of each, imported
from CSV files all or nothing, every bad line reported (interchange.py's RowError and ImportRefused)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.territory import perms
from citemetiers.territory.interchange import ImportRefused, RowError
from citemetiers.territory.models import LabourFigure, LabourIndicator, Service, Zone, ZoneKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre
    from citemetiers.territory.demand import Demand

CODE_LENGTH = Zone._meta.get_field("code").max_length
# The Cité's demand beside the figures: the past year's interviews, the most asked for shown first.
DEMAND_DAYS = 365
DEMAND_TOP = 15
MAX_VALUE = 2_147_483_647  # the largest value a PositiveIntegerField holds on every database


def _rows(text: str) -> list[tuple[int, dict[str, str]]]:
    # Line 1 is the header.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return [(n, {k.strip(): (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, start=2)]


def _reading(progress: Callable[[int], None] | None, rows: list) -> Callable[[int], None]:
    """Report the reading's progress from 5 to 90 % every few hundred lines; the writing ends it."""
    step = max(len(rows) // 10, 200)

    def tick(index: int) -> None:
        if progress is not None and index % step == 0:
            progress(5 + 85 * index // max(len(rows), 1))

    return tick


def refused_message() -> str:
    return _("Only coordinators and partnerships staff import the territory's diagnostic data.")


def zones_import(*, centre: Centre, text: str, actor: User, progress: Callable[[int], None] | None = None) -> int:
    """Create or rename the zones of a file `kind,code,name`; returns the lines imported."""
    membership_required(actor, centre.pk, perms.can_edit_directory, refused_message())
    errors, clean, seen = [], [], set()
    rows = _rows(text)
    tick = _reading(progress, rows)
    for index, (line, row) in enumerate(rows):
        tick(index)
        kind, code, name = row.get("kind", ""), row.get("code", ""), row.get("name", "")
        if kind not in ZoneKind.values:
            errors.append(RowError("zones", line, "kind", _("Unknown kind of zone.")))
        elif not code:
            errors.append(RowError("zones", line, "code", _("A zone needs its code.")))
        elif len(code) > CODE_LENGTH:
            errors.append(RowError("zones", line, "code", _("A zone's code has at most 20 characters.")))
        elif (kind, code) in seen:
            errors.append(RowError("zones", line, "code", _("This code is already in the file.")))
        elif not name:
            errors.append(RowError("zones", line, "name", _("A zone needs its name.")))
        else:
            seen.add((kind, code))
            clean.append((kind, code, name[:150]))
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        for kind, code, name in clean:
            Zone.objects.update_or_create(centre=centre, kind=kind, code=code, defaults={"name": name})
        audit_log(actor=actor, action="territory.zones_imported", target=centre, centre=centre,
                  changes={"lines": len(clean)})  # fmt: skip
    return len(clean)


def figures_import(
    *,
    centre: Centre,
    text: str,
    source: str,
    source_date: dt.date,
    actor: User,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add the figures of a file `zone,indicator,occupation_family,period,value` (zone = a zone's code);
    a period already imported for the same source is replaced. Returns the rows imported."""
    membership_required(actor, centre.pk, perms.can_edit_directory, refused_message())
    by_code: dict[str, list[int]] = {}
    by_kind_code = {}
    for kind, code, pk in Zone.objects.filter(centre=centre).values_list("kind", "code", "pk"):
        by_code.setdefault(code, []).append(pk)
        by_kind_code[f"{kind}:{code}"] = pk
    errors, clean = [], []
    rows = _rows(text)
    tick = _reading(progress, rows)
    for index, (line, row) in enumerate(rows):
        tick(index)
        found = []
        written = row.get("zone", "")
        # A code alone, or kind:code where a commune and a département share a code (e.g. 75).
        zone = by_kind_code.get(written) or (by_code[written][0] if len(by_code.get(written, [])) == 1 else None)
        if zone is None and len(by_code.get(written, [])) > 1:
            message = _("Several zones have this code: write its kind before it, e.g. commune:%(code)s.")
            found.append(RowError("figures", line, "zone", message % {"code": written}))
        elif zone is None:
            found.append(RowError("figures", line, "zone", _("No zone of the referential has this code.")))
        if row.get("indicator", "") not in LabourIndicator.values:
            found.append(RowError("figures", line, "indicator", _("Unknown indicator.")))
        if not row.get("period"):
            found.append(RowError("figures", line, "period", _("A figure needs its period.")))
        value = row.get("value", "")
        # isdecimal and isascii: "²" is a digit that int() refuses; the column holds at most MAX_VALUE.
        if not (value.isdecimal() and value.isascii() and int(value) <= MAX_VALUE):
            message = _("A figure is a whole number, from zero to 2,147,483,647.")
            found.append(RowError("figures", line, "value", message))
        errors += found
        if not found:
            clean.append(LabourFigure(
                centre=centre, zone_id=zone, indicator=row["indicator"], occupation_family=row.get(
                    "occupation_family", "")[:150], period=row["period"][:20], value=int(value),
                source=source[:200], source_date=source_date,
            ))  # fmt: skip
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        periods = {figure.period for figure in clean}
        LabourFigure.objects.filter(centre=centre, source=source, period__in=periods).delete()
        LabourFigure.objects.bulk_create(clean)
        audit_log(actor=actor, action="territory.figures_imported", target=centre, centre=centre,
                  changes={"source": source, "rows": len(clean)})  # fmt: skip
    return len(clean)


def diagnostic_rows(*, centre: Centre) -> list[dict]:
    """Per zone, the total of each indicator (all families and periods), for the diagnostic's table."""
    totals = (
        LabourFigure.objects.filter(centre=centre)
        .values("zone_id", "indicator")
        .annotate(total=Sum("value"))
        .order_by()
    )
    by_zone: dict[int, dict] = {}
    for row in totals:
        by_zone.setdefault(row["zone_id"], {})[row["indicator"]] = row["total"]
    return [
        {"zone": zone, "figures": [by_zone.get(zone.pk, {}).get(code) for code in LabourIndicator.values]}
        for zone in Zone.objects.filter(centre=centre)
    ]


# A family of the figures that begins with a ROME code or its prefix ("G16 Personnel de cuisine",
# "G1602") takes the interviews' occupations under that code; otherwise the occupation's label must be
# the family's name.
_ROME_PREFIX = re.compile(r"^([A-N]\d{0,4})(?:\s|$)")


def _normalised(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _asks_for(family: str, code: str, label: str) -> bool:
    prefix = _ROME_PREFIX.match(family)
    if prefix:
        return code.startswith(prefix.group(1))
    return bool(family) and _normalised(family) == _normalised(label)


@dataclass(frozen=True)
class FamilyRow:
    """An occupation family: the territory's figures for it beside the Cité's interviews asking for it."""

    family: str
    recruitment_projects: int | None
    offers: int | None
    jobseekers: int | None
    interviews: int

    @property
    def meets_demand(self) -> bool:
        """Visitors ask for it and employers recruit in it."""
        return self.interviews > 0 and bool(self.recruitment_projects or self.offers)


def family_rows(*, centre: Centre, demand: Demand) -> list[FamilyRow]:
    """Per occupation family of the figures (all zones and periods), the needs and the interviews; the
    families most recruited in first."""
    sums: dict[str, dict[str, int]] = {}
    rows = (
        LabourFigure.objects.filter(centre=centre)
        .exclude(occupation_family="")
        .values_list("occupation_family", "indicator")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for family, indicator, total in rows:
        sums.setdefault(family, {})[indicator] = total
    found = [
        FamilyRow(
            family=family,
            recruitment_projects=by.get(LabourIndicator.RECRUITMENT_PROJECTS),
            offers=by.get(LabourIndicator.OFFERS),
            jobseekers=by.get(LabourIndicator.JOBSEEKERS),
            interviews=sum(n for code, label, n in demand.occupations if _asks_for(family, code, label)),
        )
        for family, by in sums.items()
    ]
    return sorted(found, key=lambda row: (-(row.recruitment_projects or 0) - (row.offers or 0), row.family))


def _covers(zone: Zone, codes: set[str], postcodes: set[str], communes: set[str]) -> bool:
    """Whether a service with these codes (zone served, postcodes, commune codes) serves the zone."""
    if zone.code in codes:
        return True
    if zone.kind == ZoneKind.COMMUNE:
        return zone.code in communes
    if zone.kind == ZoneKind.DEPARTEMENT:
        # A French commune's code and postcode begin with its département's (2A/2B: 20 in postcodes).
        prefixes = {zone.code, "20"} if zone.code in {"2A", "2B"} else {zone.code}
        return any(code[: len(p)] == p for p in prefixes for code in (*communes, *postcodes))
    return False


def zones_uncovered(*, centre: Centre) -> list[Zone]:
    """The zones with recruitment needs or job offers that no service of the Cité's directory serves."""
    needy = set(
        LabourFigure.objects.filter(
            centre=centre, value__gt=0, indicator__in=[LabourIndicator.RECRUITMENT_PROJECTS, LabourIndicator.OFFERS]
        ).values_list("zone_id", flat=True)
    )
    if not needy:
        return []
    codes: set[str] = set()
    postcodes: set[str] = set()
    communes: set[str] = set()
    rows = Service.objects.filter(centre=centre).values_list(
        "zone", "postcode", "commune_code", "structure__postcode", "structure__commune_code"
    )
    for served, postcode, commune, structure_postcode, structure_commune in rows.iterator(chunk_size=2000):
        codes.update(str(code) for code in served or [])
        postcodes.update(code for code in (postcode or structure_postcode,) if code)
        communes.update(code for code in (commune or structure_commune,) if code)
    zones = Zone.objects.filter(centre=centre, pk__in=needy)
    return [zone for zone in zones if not _covers(zone, codes, postcodes, communes)]
