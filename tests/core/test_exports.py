"""The one CSV-injection guard of every download: text a spreadsheet would run as a formula is
prefixed with an apostrophe; a signed number stays a number."""

import importlib

import pytest

from citemetiers.core.exports import spreadsheet_safe


@pytest.mark.parametrize("text", ["=1", "+A1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(1)"])
def test_text_a_spreadsheet_would_run_is_prefixed(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", ["+3", "-5", "-1.5", "+2,5", "Bilan", "", "a=b"])
def test_signed_numbers_and_plain_text_stay_as_they_are(text):
    assert spreadsheet_safe(text) == text


def test_a_figure_or_an_empty_cell_is_not_touched():
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe(None) is None


@pytest.mark.parametrize(
    "cell",
    [
        "citemetiers.events.exports:_cell",
        "citemetiers.school.exports:_cell",
        "citemetiers.indicators.orientations:_safe",
        "citemetiers.groups.exports:_safe",
    ],
)
@pytest.mark.parametrize(("typed", "written"), [("\tcmd", "'\tcmd"), ("\r=1+1", "'\r=1+1"), ("-5", "-5")])
def test_every_export_writes_its_cells_through_the_one_guard(cell, typed, written):
    # Each new app's export had its own copy of the guard, each a little different (a tab let
    # through, a signed number turned into text); they all call core's now.
    module, name = cell.split(":")
    assert getattr(importlib.import_module(module), name)(typed) == written
