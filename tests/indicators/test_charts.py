"""Charts drawn on the server: each one has its axes, labels and scale, keeps its table beside it,
speaks the page's language and carries no inline style (the Content-Security-Policy refuses it)."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.indicators import charts
from citemetiers.indicators.selectors import Comparison
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


def _visits(centre, count):
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    now = timezone.now()
    for index in range(count):
        ticketing.visit_check_in(
            centre=centre, areas=[area], profile={"age_band": "26_44"}, actor=None, now=now - timedelta(minutes=index)
        )


def _svg(html: str, kind: str) -> str:
    """The SVG of the chart of this kind in the page (fails the test when there is none)."""
    match = re.search(rf'<svg class="chart chart-{kind}".*?</svg>', html, re.DOTALL)
    assert match, f"no {kind} chart in the page"
    return match.group(0)


def test_the_dashboard_draws_visits_over_time_with_dated_axes_beside_its_table(client_as, centre):
    _visits(centre, 3)
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug}))
    html = page.content.decode()
    svg = _svg(html, "series")
    assert 'class="chart-axis chart-axis-x"' in svg and 'class="chart-axis chart-axis-y"' in svg
    today = timezone.localdate()
    assert today.strftime("%d/%m/%Y") in svg  # the French short date on the time axis
    assert 'class="chart-line"' in svg
    assert 'id="t-visits_over_time"' in html and "<table" in html


def test_bars_carry_the_label_and_the_value_of_each_row(client_as, centre):
    _visits(centre, 3)
    client = client_as(Role.COORDINATOR)
    html = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug})).content.decode()
    section = html[html.index('id="t-age_band"') :]
    svg = _svg(section, "bars")
    assert re.search(r'<text class="chart-label"[^>]*>26 à 44 ans</text>', svg)
    assert re.search(r'<text class="chart-value"[^>]*>3</text>', svg)
    assert 'class="chart-axis chart-axis-x"' in svg


def test_the_arrivals_heatmap_has_its_scale(client_as, centre):
    _visits(centre, 6)
    client = client_as(Role.COORDINATOR)
    html = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug})).content.decode()
    svg = _svg(html[html.index('id="t-heatmap"') :], "heatmap")
    assert 'class="chart-legend"' in svg and "heat-4" in svg
    assert "<table" in html[html.index('id="t-heatmap"') :]


def test_a_cite_sees_its_position_in_the_network_as_a_box_plot_beside_the_table(client_as, centre, other_centre):
    _visits(centre, 6)
    _visits(other_centre, 10)
    for count in (14, 18):
        _visits(CentreFactory(with_areas=True), count)
    client = client_as(Role.COORDINATOR)
    html = client.get(reverse("indicators:comparison", kwargs={"centre_slug": centre.slug})).content.decode()
    svg = _svg(html, "box")
    assert 'class="chart-box"' in svg and 'class="chart-median"' in svg and 'class="chart-own"' in svg
    assert 'class="chart-legend"' in svg and "<table" in html
    assert other_centre.name not in svg


def test_the_network_comparison_draws_every_cite_as_a_strip(client, centre, other_centre):
    _visits(centre, 8)
    _visits(other_centre, 2)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    html = client.get(reverse("network_indicators:network_comparison")).content.decode()
    svg = _svg(html, "strip")
    # The suppressed Cité (2 visits) is no dot; the other one is, named for the tooltip.
    assert f"<title>{centre.name} : 8</title>" in svg
    assert other_centre.name not in svg
    assert "<table" in html


def test_chart_numbers_and_dates_follow_the_page_language():
    points = [(date(2026, 1, 1), 12000), (date(2026, 2, 1), 1500)]
    with translation.override("fr"):
        french = str(charts.series_chart(points, title="Visites", x_title="Période", y_title="Visites", step="month"))
    with translation.override("en"):
        english = str(charts.series_chart(points, title="Visits", x_title="Period", y_title="Visits", step="month"))
    assert "12\N{NO-BREAK SPACE}000" in french or "12\N{NARROW NO-BREAK SPACE}000" in french or "12 000" in french
    assert "12,000" in english
    assert "jan. 2026" in french and "Jan. 2026" in english
    box = charts.box_chart(
        [("Satisfaction", Comparison("satisfaction", 4.25, 3.5, 3.25, 4.0, 4, {}))], title="Comparaison"
    )
    with translation.override("fr"):
        assert "4,25" in str(box)


def test_no_chart_carries_an_inline_style_or_script(client_as, centre):
    _visits(centre, 3)
    client = client_as(Role.COORDINATOR)
    html = client.get(reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug})).content.decode()
    for svg in re.findall(r"<svg class=\"chart .*?</svg>", html, re.DOTALL):
        assert "style=" not in svg and "<script" not in svg and "<style" not in svg
