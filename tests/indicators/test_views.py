import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.core.exports import FORMULA_START
from citemetiers.indicators.selectors import SMALL_CELL, network_comparison
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


def _visits(centre, count, age_band="26_44"):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    now = timezone.now()
    for index in range(count):
        ticketing.visit_check_in(
            centre=centre,
            areas=[area],
            profile={"age_band": age_band},
            actor=None,
            now=now - timedelta(minutes=index),
        )


def test_the_team_reads_the_dashboard_with_charts_and_tables(client_as, centre, other_centre):
    _visits(centre, 3)
    _visits(other_centre, 7)
    client = client_as(Role.ADVISER)
    page = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg class="chart chart-bars"' in html and "<table" in html
    assert dict(page.context["key_figures"])["Visites"] == 3  # never the other Cité's 7


def test_a_table_downloads_as_csv_for_the_same_period(client_as, centre):
    _visits(centre, 3, age_band="18_25")
    client = client_as(Role.COORDINATOR)
    url = reverse("indicators:dashboard_csv", kwargs={"centre_slug": centre.slug, "table": "age_band"})
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Âge", "Visites"]
    assert ["18 à 25 ans", "3"] in rows
    assert client.get(url.replace("age_band", "nothing")).status_code == 404


def test_a_wrong_period_is_explained(client_as, centre):
    client = client_as(Role.COORDINATOR)
    url = reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug})
    response = client.get(url, {"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status_code == 422
    assert "error-summary" in response.content.decode()


def test_cells_under_five_visits_never_leave_their_cite(centre, other_centre):
    _visits(centre, SMALL_CELL)
    _visits(other_centre, SMALL_CELL - 1)
    for count in (12, 20, 30):
        _visits(CentreFactory(with_areas=True), count)
    today = timezone.localdate()
    visits = next(c for c in network_comparison(centre=centre, start=today, end=today) if c.code == "visits")
    assert visits.by_centre[other_centre.pk] is None
    assert visits.own == SMALL_CELL and visits.cites == 4
    assert visits.median == (12 + 20) / 2  # the quartiles of the figures shown: 5, 12, 20, 30


def test_a_cite_never_reads_quartiles_made_of_fewer_than_three_other_cites(centre, other_centre):
    _visits(centre, 6)
    _visits(other_centre, 10)
    third = CentreFactory(with_areas=True)
    _visits(third, 14)
    today = timezone.localdate()

    def visits(of):
        return next(c for c in network_comparison(centre=of, start=today, end=today) if c.code == "visits")

    # Two others: knowing its own 6 and a median of 10, a Cité would know the others had 10 and 14.
    assert (visits(centre).own, visits(centre).median, visits(centre).q1, visits(centre).q3) == (6, None, None, None)
    _visits(CentreFactory(with_areas=True), 18)
    assert (visits(centre).q1, visits(centre).median, visits(centre).q3) == (9.0, 12.0, 15.0)
    # The network coordinator reads every Cité by name anyway: the quartiles are always there.
    assert visits(None).median == 12.0


def test_the_network_page_shows_suppressed_cells_as_a_dash(client, centre, other_centre):
    _visits(centre, 8)
    _visits(other_centre, 2)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    page = client.get(reverse("network_indicators:network_comparison"))
    visits = next(row for label, row in page.context["rows"] if row.code == "visits")
    assert visits.by_centre == {centre.pk: 8, other_centre.pk: None}
    assert len(page.context["rows"]) == 10  # every shared indicator has its row
    html = page.content.decode()
    # In the table as in the chart: the Cité's 8, and never the other's 2 (the chart's axis may read 2).
    assert "<td>8</td>" in html and "<td>2</td>" not in html
    assert str(other_centre.name) not in html.split('class="chart chart-strip"')[1].split("</svg>")[0]


def test_a_coordinator_compares_with_the_network(client_as, centre, other_centre):
    _visits(centre, 6)
    _visits(other_centre, 10)
    for count in (14, 18):
        _visits(CentreFactory(with_areas=True), count)
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("indicators:comparison", kwargs={"centre_slug": centre.slug}))
    visits = next(row for label, row in page.context["rows"] if row.code == "visits")
    assert (visits.own, visits.median, visits.cites) == (6, 12, 4)
    assert str(other_centre.name) not in page.content.decode()


def test_needs_trends_show_themes_rising_and_falling(client_as, centre):
    from citemetiers.indicators.services import rebuild
    from tests.factories import InterviewFactory, ThemeFactory

    rising, falling = ThemeFactory(centre=centre, name="Alternance"), ThemeFactory(centre=centre, name="Retraite")
    today = timezone.localdate()
    for days_ago, theme in [(1, rising), (2, rising), (3, rising), (40, falling), (41, falling), (5, falling)]:
        interview = InterviewFactory(ticket__centre=centre, ticket__service_date=today - timedelta(days=days_ago))
        interview.themes.add(theme)
    rebuild(centre=centre)
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}))
    trends = next(table for table in page.context["tables"] if table.code == "theme_trends")
    assert trends.rows == [["Alternance", 3, 0, "+3"], ["Retraite", 1, 2, "-1"]]


def test_a_table_downloads_as_xlsx(client_as, centre):

    _visits(centre, 4, age_band="55p")
    client = client_as(Role.COORDINATOR)
    url = reverse("indicators:dashboard_xlsx", kwargs={"centre_slug": centre.slug, "table": "age_band"})
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Âge", "Visites"]
    assert ["55 ans et plus", 4] in rows


def test_the_network_comparison_leaves_as_csv_and_json_with_small_cells_suppressed(client, centre, other_centre):
    _visits(centre, 8)
    _visits(other_centre, SMALL_CELL - 1)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    data = client.get(reverse("network_indicators:network_comparison_json")).json()
    visits = next(item for item in data["indicators"] if item["code"] == "visits")
    assert visits["by_cite"] == {centre.slug: 8, other_centre.slug: None}
    assert visits["network"] == {"q1": 8, "median": 8, "q3": 8, "cites": 1}
    assert data["small_cell"] == SMALL_CELL and len(data["indicators"]) == 10
    response = client.get(reverse("network_indicators:network_comparison_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = rows[0].index(other_centre.name)
    assert rows[0][:2] == ["Indicateur", "Réseau : médiane"]
    assert all(row[column] == "" for row in rows[1:])  # under 5 visits: nothing, in every indicator
    assert next(row for row in rows if row[0] == "Visites")[rows[0].index(centre.name)] == "8"
    response = client.get(reverse("network_indicators:network_comparison_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    column = cells[0].index(other_centre.name)
    assert all(row[column] is None for row in cells[1:])
    assert next(row for row in cells if row[0] == "Visites")[cells[0].index(centre.name)] == 8


def test_a_cite_downloads_its_comparison_without_any_other_cite_named(client_as, centre, other_centre):
    _visits(centre, 6)
    _visits(other_centre, 10)
    for count in (14, 18):
        _visits(CentreFactory(with_areas=True), count)
    client = client_as(Role.COORDINATOR)
    data = client.get(reverse("indicators:comparison_json", kwargs={"centre_slug": centre.slug})).json()
    visits = next(item for item in data["indicators"] if item["code"] == "visits")
    assert visits["own"] == 6 and visits["network"] == {"q1": 9.0, "median": 12.0, "q3": 15.0, "cites": 4}
    assert other_centre.slug not in str(data) and other_centre.name not in str(data)
    response = client.get(reverse("indicators:comparison_csv", kwargs={"centre_slug": centre.slug}))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv") and other_centre.name not in text
    row = next(row for row in csv.reader(io.StringIO(text)) if row[0] == "Visites")
    assert [float(cell) for cell in row[1:]] == [6, 9, 12, 15, 4]


def test_a_small_cite_is_suppressed_in_its_own_download_too(client_as, centre, other_centre):
    _visits(centre, SMALL_CELL - 1)
    _visits(other_centre, 10)
    client = client_as(Role.COORDINATOR)
    data = client.get(reverse("indicators:comparison_json", kwargs={"centre_slug": centre.slug})).json()
    assert all(item["own"] is None for item in data["indicators"])
    visits = next(item for item in data["indicators"] if item["code"] == "visits")
    # One other Cité counted: its 10 visits would be the "median"; nothing is shown.
    assert visits["network"] == {"q1": None, "median": None, "q3": None, "cites": 1}


def test_names_typed_by_users_never_become_spreadsheet_formulas(client, centre, other_centre):
    centre.name = '=HYPERLINK("http://evil.example")'
    centre.save()
    _visits(centre, 8)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    text = client.get(reverse("network_indicators:network_comparison_csv")).content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert '\'=HYPERLINK("http://evil.example")' in header
    response = client.get(reverse("network_indicators:network_comparison_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(cell for cell in sheet[1] if str(cell.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"  # text, not a formula
    assert not FORMULA_START.match("+3") and not FORMULA_START.match("-1.5")  # a trend's change stays a number
    assert all(FORMULA_START.match(text) for text in ("+A1", "-2+3", "@SUM(A1)", "\tx", "=1"))


def test_a_wrong_period_in_a_download_answers_400_with_the_reason(client_as, centre):
    client = client_as(Role.COORDINATOR)
    url = reverse("indicators:comparison_json", kwargs={"centre_slug": centre.slug})
    response = client.get(url, {"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status_code == 400
    assert "end" in response.json()["errors"]
    csv_url = reverse("indicators:comparison_csv", kwargs={"centre_slug": centre.slug})
    response = client.get(csv_url, {"start": "not a date"})
    assert response.status_code == 400 and response.content


def test_both_comparison_pages_are_one_page_layout(client_as, centre):
    """The Cité's and the network's comparisons differ in their columns only: one layout, two fillings."""
    cite = client_as(Role.COORDINATOR).get(reverse("indicators:comparison", kwargs={"centre_slug": centre.slug}))
    network = client_as(Role.COORDINATOR)
    network.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    whole = network.get(reverse("network_indicators:network_comparison"))
    for response in (cite, whole):
        assert "indicators/includes/comparison_page.html" in [t.name for t in response.templates]
        assert re.search(r'class="table-scroll"\s+tabindex="0"\s+role="region"', response.content.decode())
