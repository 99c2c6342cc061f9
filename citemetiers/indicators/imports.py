"""Import of historical monthly figures that a Cité kept in spreadsheets before the platform.

The file is streamed and reading stops as soon as it has more rows than allowed (a 160 kB XLSX
can hold a million rows); an XLSX is refused before parsing when it would unpack into more than
a sheet of monthly figures can need (a zip bomb). Every row is checked; if any row is wrong, the person gets the list
of lines and reasons and nothing is imported. A clean file replaces the imported figures of the
months it names, in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.core.forms import MIN_DATE
from citemetiers.indicators.models import DailyCount, ImportBatch
from citemetiers.indicators.perms import can_import_history
from citemetiers.indicators.services import lock_refreshes, months_rollup
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
# Far more than any cell of a month, a letter or a count needs; longer ones are refused, not echoed.
MAX_CELL_LENGTH = 100
# Columns read from a sheet: a row may declare 16,384 of them, seven have a meaning here.
MAX_COLUMNS = 32
# 5,000 rows of monthly figures unpack into about 1 MB of XML; twenty times that is no longer a table.
MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024
ROLLUP_MONTHS = 120
MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ParsedFile:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class FileRefused(Exception):
    """The file as a whole cannot be imported; the message says why."""


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # Declared sizes bound what is unpacked: zipfile stops at them and checks the CRC.
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile:
        raise FileRefused(
            _("This file is not an XLSX workbook. If it is a CSV file, give it a name ending in .csv.")
        ) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise FileRefused(_("The workbook holds too much data once unpacked: keep one sheet of monthly figures."))
    # openpyxl's read-only worksheet parses the whole sheet once just to size it when the file does
    # not declare its dimensions (a hostile file does not): read the sheet's rows with its own row
    # parser instead, which streams the XML, so that stopping at the limit stops the work.
    # Imported here, not at start-up: openpyxl costs every worker's start (and every recycle) otherwise.
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._reader import WorkSheetParser

    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if "worksheet" in rel.Type and rel.target in reader.valid_files
        ]
        if not sheets:
            raise FileRefused(_("The workbook has no sheet."))
        active = reader.wb._active_sheet_index
        workbook = reader.wb
        with reader.archive.open(sheets[active if 0 <= active < len(sheets) else 0]) as source:
            parser = WorkSheetParser(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            expected = 1
            for number, cells in parser.parse():
                # Rows missing from the XML are empty rows: they count against the limit too.
                while expected < number:
                    yield []
                    expected += 1
                expected = number + 1
                values = {
                    cell["column"]: str(cell["value"]).strip()
                    for cell in cells
                    if cell["column"] <= MAX_COLUMNS and cell["value"] is not None
                }
                yield [values.get(column, "") for column in range(1, max(values, default=0) + 1)]
    finally:
        reader.archive.close()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    text = content.decode("utf-8-sig")
    first_line = text[: text.find("\n")] if "\n" in text else text
    dialect = csv.Sniffer().sniff(first_line or ",", delimiters=",;\t")
    for row in csv.reader(io.StringIO(text), dialect):
        yield [cell.strip() for cell in row[:MAX_COLUMNS]]


def _bounded(rows: Iterable[list[str]]) -> list[list[str]]:
    """The non-empty rows, header included; reading stops at the first row over the limit."""
    table: list[list[str]] = []
    blank = 0
    for row in rows:
        if any(row):
            table.append(row)
        else:
            blank += 1
        # Empty rows count too: a sheet can declare a million of them between two cells.
        if len(table) > MAX_ROWS + 1 or blank > MAX_ROWS:
            raise FileRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return table


def _read_rows(name: str, content: bytes) -> list[list[str]]:
    return _bounded(_xlsx_rows(content) if name.lower().endswith(".xlsx") else _csv_rows(content))


def _shorten(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def parse(*, centre, name: str, content: bytes) -> ParsedFile:
    """Read and check every row; nothing is written here."""
    parsed = ParsedFile()
    try:
        table = _read_rows(name, content)
    except FileRefused as refusal:
        parsed.errors.append(RowError(0, str(refusal)))
        return parsed
    except Exception:
        # A damaged workbook raises whatever its parser meets (KeyError, TypeError, …): none may be a 500.
        parsed.errors.append(RowError(0, _("The file cannot be read: send a CSV (UTF-8) or XLSX file.")))
        return parsed
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
            parsed.errors.append(
                RowError(1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(map(_shorten, unknown))})
            )
        return parsed
    areas = {area.code: area for area in AdviceArea.objects.for_centre(centre)}
    this_month = timezone.localdate().replace(day=1)
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(table[1:], start=2):
        values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        problems = []
        too_long = [column for column in header if column and len(values.get(column, "")) > MAX_CELL_LENGTH]
        for column in too_long:
            problems.append(
                _("“%(column)s” holds more than %(max)s characters") % {"column": column, "max": MAX_CELL_LENGTH}
            )
            values[column] = ""
        match = MONTH.match(values["month"])
        month = None
        if "month" in too_long:
            pass
        # Year 0 has no date; the years the form's dates allow bound the months too.
        elif not match or not 1 <= int(match.group(2)) <= 12 or not MIN_DATE.year <= int(match.group(1)):
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
            if column in too_long or (raw == "" and column != "visits"):
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
    """The months among these in which the platform recorded visits: one query, however many months."""
    if not months:
        return set()
    first, last = min(months), max(months)
    end = date(last.year + last.month // 12, last.month % 12 + 1, 1)
    visits = Visit.objects.for_centre(centre).filter(arrived_at__date__gte=first, arrived_at__date__lt=end)
    return {moment.date().replace(day=1) for moment in visits.datetimes("arrived_at", "month")} & months


def history_import(*, centre, name: str, content: bytes, actor) -> tuple[ImportBatch | None, list[RowError]]:
    """Import a clean file, or return its errors and import nothing. Only a coordinator of the Cité
    imports (indicators.perms.can_import_history), whoever calls; no actor is the platform itself."""
    if actor is not None:
        membership_required(
            actor, centre.pk, can_import_history, _("Only the coordinators of the Cité import its past figures.")
        )
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
        # The months' rows are rewritten here as by a refresh or a rebuild: one at a time per Cité.
        lock_refreshes(centre)
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
        # The rollup filters on each month: in slices, so that a century of months stays a small query
        # (SQLite refuses an expression over 1,000 deep).
        for start in range(0, len(months), ROLLUP_MONTHS):
            months_rollup(centre=centre, months=months[start : start + ROLLUP_MONTHS])
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
