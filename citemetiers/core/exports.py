"""Helpers shared by every download a person opens in a spreadsheet program (CSV, XLSX)."""

import csv
import io
import re

# A text cell that a spreadsheet program would run as a formula (CSV injection: names of Cités,
# themes, partners and task titles are typed by users): a leading =, +, -, @, tab or carriage
# return. Signed numbers such as a trend's "+3" or a task titled "-5" stay as they are: a number,
# not a formula, and an apostrophe would turn the figure into text.
FORMULA_START = re.compile(r"^(?![+-]\d+(?:[.,]\d+)?$)[=+\-@\t\r]")


def spreadsheet_safe(value):
    """`value` as a cell: a text that would run as a formula is prefixed with an apostrophe (which
    spreadsheet programs show as text); figures and empty cells are left alone."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def spreadsheet_text(value) -> str:
    """`value` as a text cell (None as an empty one), through the same guard."""
    return spreadsheet_safe("" if value is None else str(value))


def as_csv(rows: list[list[str]]) -> str:
    """The rows as a CSV text that Excel opens in UTF-8 (every download of the platform)."""
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 only with its byte-order mark
    csv.writer(out).writerows(rows)
    return out.getvalue()


def as_xlsx(rows: list[list[str]], title: str) -> bytes:
    from openpyxl import Workbook  # not at start-up: only an export needs it
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
