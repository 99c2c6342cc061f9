import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import NotPermitted
from citemetiers.indicators import services
from citemetiers.indicators.imports import history_import
from citemetiers.indicators.models import DailyCount, ImportBatch
from citemetiers.indicators.selectors import network_comparison, totals
from tests.factories import MembershipFactory, VisitFactory

pytestmark = pytest.mark.django_db

GOOD = "month;area;visits;interviews;no_shows\n2023-01;;120;80;4\n2023-02;A;30;20;\n2023-02;B;25;;1\n"


def _coordinator(centre):
    return MembershipFactory(centre=centre, coordinator=True).user


def _import(centre, text, name="historique.csv"):
    with translation.override("en"):
        return history_import(centre=centre, name=name, content=text.encode(), actor=_coordinator(centre))


def test_a_clean_file_is_imported_and_marked(centre):
    batch, errors = _import(centre, GOOD)
    assert errors == []
    assert (batch.rows, batch.months) == (3, ["2023-01", "2023-02"])
    figures = totals(centre=centre, start=date(2023, 1, 1), end=date(2023, 2, 28))
    assert (figures.visits, figures.count("interviews"), figures.keys("status")["no_show"]) == (175, 100, 5)
    assert DailyCount.objects.filter(centre=centre, imported=False).count() == 0


@pytest.mark.parametrize("roles", [[Role.ADVISER], [Role.RECEPTION, Role.LOGISTICS]])
def test_only_a_coordinator_of_the_cite_imports_its_past_figures(centre, other_centre, roles):
    """The service itself refuses, whoever calls it: nothing is imported."""
    for actor in (MembershipFactory(centre=centre, roles=roles).user, _coordinator(other_centre)):
        with pytest.raises(NotPermitted):
            history_import(centre=centre, name="historique.csv", content=GOOD.encode(), actor=actor)
    assert not DailyCount.objects.exists() and not ImportBatch.objects.exists()


def test_every_bad_row_is_reported_and_nothing_is_imported(centre):
    text = (
        "month,area,visits,interviews\n"
        "2023-01,,120,80\n"  # fine
        "2023-13,,10,\n"  # no 13th month
        "2023-02,Z,10,\n"  # unknown area
        "2023-03,,ten,\n"  # not a number
        "2023-01,,5,\n"  # same month twice
        "2099-01,,5,\n"  # the future
    )
    batch, errors = _import(centre, text)
    assert batch is None
    assert [error.line for error in errors] == [3, 4, 5, 6, 7]
    assert "YYYY-MM" in errors[0].message and "Z" in errors[1].message and "ten" in errors[2].message
    assert "already on line 2" in errors[3].message and "past months" in errors[4].message
    assert not DailyCount.objects.exists() and not ImportBatch.objects.exists()


def test_missing_and_unknown_columns_are_named(centre):
    _batch, errors = _import(centre, "mois,visits,age\n2023-01,3,4\n")
    assert [error.line for error in errors] == [1, 1]
    assert "month" in errors[0].message and "mois, age" in errors[1].message


def test_months_recorded_by_the_platform_keep_their_own_figures(centre):
    visit = VisitFactory(centre=centre, arrived_at=timezone.now() - timedelta(days=45))
    month = timezone.localtime(visit.arrived_at).date().replace(day=1)
    previous = date(month.year - 1, month.month, 1)
    _batch, errors = _import(centre, f"month,visits\n{previous:%Y-%m},10\n{month:%Y-%m},10\n")
    assert [error.line for error in errors] == [3]
    assert "already holds visits of this month" in errors[0].message
    assert not DailyCount.objects.filter(imported=True).exists()


def test_importing_a_month_again_replaces_it_and_a_rebuild_keeps_imports(centre):
    _import(centre, "month,visits\n2023-01,100\n")
    _import(centre, "month,visits\n2023-01,90\n")
    services.rebuild(centre=centre)
    assert totals(centre=centre, start=date(2023, 1, 1), end=date(2023, 1, 31)).visits == 90


def test_xlsx_files_are_read(centre):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["month", "visits", "tickets"])
    sheet.append(["2022-11", 40, 35])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch, errors = history_import(centre=centre, name="h.xlsx", content=buffer.getvalue(), actor=_coordinator(centre))
    assert errors == [] and batch.rows == 1
    assert totals(centre=centre, start=date(2022, 11, 1), end=date(2022, 11, 30)).count("tickets") == 35


def test_imported_figures_join_the_network_comparison(centre, other_centre):
    _import(centre, "month,visits\n2023-01,100\n")
    (visits,) = [
        c
        for c in network_comparison(centre=centre, start=date(2023, 1, 1), end=date(2023, 1, 31))
        if c.code == "visits"
    ]
    assert visits.own == 100


def test_the_import_page_lists_errors_and_the_dashboard_marks_imported_months(client_as, centre):
    client = client_as(Role.COORDINATOR)
    url = reverse("indicators:import", kwargs={"centre_slug": centre.slug})
    bad = client.post(url, {"file": SimpleUploadedFile("h.csv", b"month,visits\n2023-1,3\n")})
    assert bad.status_code == 422
    assert "YYYY-MM" in bad.content.decode()
    good = client.post(url, {"file": SimpleUploadedFile("h.csv", b"month,visits\n2023-01,3\n")})
    assert good.status_code == 302
    dashboard = client.get(
        reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}),
        {"start": "2023-01-01", "end": "2023-01-31"},
    )
    assert list(dashboard.context["imported_months"]) == [date(2023, 1, 1)]
    assert client.post(url, {"file": SimpleUploadedFile("h.pdf", b"%PDF")}).status_code == 422


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import_xlsx(centre, content):
    with translation.override("en"):
        return history_import(centre=centre, name="h.xlsx", content=content, actor=_coordinator(centre))


def test_an_xlsx_over_the_row_limit_is_refused_after_reading_one_row_more(centre, monkeypatch):
    """A small file may hold a million rows: reading stops as soon as the limit is passed."""
    from openpyxl.worksheet._reader import WorkSheetParser

    from citemetiers.indicators import imports

    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    consumed = []
    parse = WorkSheetParser.parse

    def counting_parse(self):
        # Every row openpyxl parses out of the sheet's XML, whoever asks for it.
        for row in parse(self):
            consumed.append(row)
            yield row

    monkeypatch.setattr(WorkSheetParser, "parse", counting_parse)
    content = _xlsx([["month", "visits"], *([f"2020-{month:02d}", 1] for month in [1] * 500)])
    batch, errors = _import_xlsx(centre, content)
    assert batch is None
    assert [error.message for error in errors] == ["The file has more than 10 rows."]
    # The header, the ten rows allowed and the one that proves there are too many.
    assert 1 + 10 <= len(consumed) <= 1 + 10 + 1


def test_an_xlsx_that_unpacks_into_too_much_data_is_refused_before_it_is_parsed(centre, monkeypatch):
    from citemetiers.indicators import imports

    monkeypatch.setattr(imports, "MAX_XLSX_UNPACKED_BYTES", 20_000)
    content = _xlsx([["month", "visits"], *([f"2020-{n % 12 + 1:02d}", n] for n in range(1000))])
    batch, errors = _import_xlsx(centre, content)
    assert batch is None
    assert [error.message for error in errors] == [
        "The workbook holds too much data once unpacked: keep one sheet of monthly figures."
    ]


def test_a_csv_renamed_xlsx_is_refused_with_a_clear_message(centre):
    batch, errors = _import_xlsx(centre, GOOD.encode())
    assert batch is None
    assert [error.message for error in errors] == [
        "This file is not an XLSX workbook. If it is a CSV file, give it a name ending in .csv."
    ]


def test_an_absurdly_long_cell_is_reported_on_its_line(centre):
    batch, errors = _import(centre, f"month,visits\n2023-01,{'9' * 400}\n2023-02,{'x' * 5000}\n")
    assert batch is None
    assert [(error.line, error.message) for error in errors] == [
        (2, "“visits” holds more than 100 characters."),
        (3, "“visits” holds more than 100 characters."),
    ]


def test_the_year_zero_is_not_a_month(centre):
    batch, errors = _import(centre, "month,visits\n0000-01,3\n")
    assert batch is None
    assert [(error.line, error.message) for error in errors] == [
        (2, "the month must be written YYYY-MM, for example 2024-03.")
    ]


def test_a_file_of_many_distinct_months_is_imported(centre):
    """Up to the row limit, every month may differ (a century of monthly figures): all are summed."""
    months = [f"{1900 + n // 12:04d}-{n % 12 + 1:02d}" for n in range(1200)]
    _batch, errors = _import(centre, "month,visits\n" + "".join(f"{month},2\n" for month in months))
    assert errors == []
    assert totals(centre=centre, start=date(1900, 1, 1), end=date(1999, 12, 31)).count("visits") == 2 * 1200
