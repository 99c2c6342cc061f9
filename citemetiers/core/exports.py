"""Helpers shared by every download a person opens in a spreadsheet program (CSV, XLSX)."""

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
