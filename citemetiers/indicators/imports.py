"""Import of historical monthly figures that a Cité kept in spreadsheets before the platform.

The file is read whole and every row is checked; if any row is wrong, the person gets the list
of lines and reasons and nothing is imported. A clean file replaces the imported figures of the
months it names, in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from citemetiers.core.audit import audit_log
from citemetiers.core.forms import MIN_DATE
from citemetiers.indicators.models import DailyCount, ImportBatch
from citemetiers.indicators.services import months_rollup
from citemetiers.reception.models import AdviceArea, Visit

# Column → metric of the aggregates. "month" and "visits" are required, the others optional.
COLUMNS = {
    "visits": ("visits", ""),
    "tickets": ("tickets", ""),
    "interviews": ("interviews", ""),
    "no_shows": ("status", "no_show"),
    "left_without_being_seen": ("status", "left"),
}
REQUIRED = ("month", "visits")
MAX_ROWS = 5000
MAX_VALUE = 1_000_000
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ParsedFile:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _read_rows(name: str, content: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx"):
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        return [
            ["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)
        ]
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def parse(*, centre, name: str, content: bytes) -> ParsedFile:
    """Read and check every row; nothing is written here."""
    parsed = ParsedFile()
    try:
        table = _read_rows(name, content)
    # A CSV renamed .xlsx is no zip archive.
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError, zipfile.BadZipFile):
        parsed.errors.append(RowError(0, _("The file cannot be read: send a CSV (UTF-8) or XLSX file.")))
        return parsed
    table = [row for row in table if any(row)]
    if not table:
        parsed.errors.append(RowError(0, _("The file is empty.")))
        return parsed
    header = [cell.lower().replace(" ", "_") for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    unknown = [column for column in header if column and column not in {*COLUMNS, "month", "area"}]
    if missing or unknown:
        if missing:
            parsed.errors.append(RowError(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
        if unknown:
            parsed.errors.append(RowError(1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}))
        return parsed
    if len(table) - 1 > MAX_ROWS:
        parsed.errors.append(RowError(0, _("The file has more than %(max)s rows.") % {"max": MAX_ROWS}))
        return parsed
    areas = {area.code: area for area in AdviceArea.objects.for_centre(centre)}
    this_month = timezone.localdate().replace(day=1)
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        problems = []
        match = MONTH.match(values["month"])
        month = None
        # Year 0 has no date; the years the form's dates allow bound the months too.
        if not match or not 1 <= int(match.group(2)) <= 12 or not MIN_DATE.year <= int(match.group(1)):
            problems.append(_("the month must be written YYYY-MM, for example 2024-03"))
        else:
            month = date(int(match.group(1)), int(match.group(2)), 1)
            if month >= this_month:
                problems.append(_("only past months can be imported"))
        code = values.get("area", "").upper()
        area = None
        if code:
            area = areas.get(code)
            if area is None:
                problems.append(_("no advice area has the letter %(code)s") % {"code": code})
        counts = {}
        for column in COLUMNS:
            raw = values.get(column, "")
            if raw == "" and column != "visits":
                continue
            try:
                number = int(float(raw)) if re.fullmatch(r"\d+(\.0+)?", raw) else None
            except (ValueError, OverflowError):  # 400 digits make an infinite float
                number = None
            if number is None or number > MAX_VALUE:
                problems.append(
                    _("“%(column)s” must be a whole number, not “%(value)s”") % {"column": column, "value": raw}
                )
            else:
                counts[column] = number
        if month is not None:
            key = (month, code)
            if key in seen:
                problems.append(_("the same month and area are already on line %(line)s") % {"line": seen[key]})
            seen[key] = line
        if problems:
            parsed.errors.append(RowError(line, "; ".join(problems) + "."))
        else:
            parsed.rows.append({"line": line, "month": month, "area": area, "counts": counts})
    return parsed


def _months_with_live_data(centre, months: set[date]) -> set[date]:
    live = set()
    for month in months:
        end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        if Visit.objects.for_centre(centre).filter(arrived_at__date__gte=month, arrived_at__date__lt=end).exists():
            live.add(month)
    return live


def history_import(*, centre, name: str, content: bytes, actor) -> tuple[ImportBatch | None, list[RowError]]:
    """Import a clean file, or return its errors and import nothing."""
    parsed = parse(centre=centre, name=name, content=content)
    if not parsed.errors:
        live = _months_with_live_data(centre, {row["month"] for row in parsed.rows})
        for row in parsed.rows:
            if row["month"] in live:
                parsed.errors.append(
                    RowError(
                        row["line"], _("the platform already holds visits of this month: it keeps its own figures.")
                    )
                )
    if parsed.errors:
        return None, parsed.errors
    months = sorted({row["month"] for row in parsed.rows})
    with transaction.atomic():
        DailyCount.objects.filter(centre=centre, imported=True, day__in=months).delete()
        DailyCount.objects.bulk_create(
            DailyCount(
                centre=centre, day=row["month"], area=row["area"], metric=metric, key=key, value=value, imported=True
            )
            for row in parsed.rows
            for column, value in row["counts"].items()
            for metric, key in [COLUMNS[column]]
            if value
        )
        months_rollup(centre=centre, months=months)
        batch = ImportBatch.objects.create(
            centre=centre,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
            filename=name[:200],
            rows=len(parsed.rows),
            months=[month.isoformat()[:7] for month in months],
        )
        audit_log(
            actor=actor, action="indicators.import", target=batch, centre=centre, changes={"rows": len(parsed.rows)}
        )
    return batch, []
