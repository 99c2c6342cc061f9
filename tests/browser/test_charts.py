"""The charts as people see them, on a desktop and on a 375 px phone: drawn with axes and labels,
inside the page's width, their tables below them, no accessibility violation; and the pages that
get printed (a roster, the dashboard as a report) print without their navigation."""

import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import demo_email, role_email
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")
NETWORK_COORDINATOR = demo_email("reseau")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}

CHART_PAGES = [
    (
        PARIS_COORDINATOR,
        "/c/paris/indicators/?start=2025-01-01&end=2026-12-31&step=month",
        ["series", "bars", "heatmap"],
    ),
    (PARIS_COORDINATOR, "/c/paris/indicators/network/?start=2025-01-01&end=2026-12-31", ["box"]),
    (NETWORK_COORDINATOR, "/network/indicators/?start=2025-01-01&end=2026-12-31", ["strip"]),
]


@pytest.fixture
def sized_page(browser, request):
    """A French page at the viewport the test is parametrized with (desktop or phone)."""
    context = browser.new_context(locale="fr-FR", viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("sized_page", VIEWPORTS, ids=list(VIEWPORTS), indirect=True)
def test_each_chart_is_drawn_with_axes_and_labels_beside_its_table(sized_page, demo, login, live_server):
    page = sized_page
    width = page.viewport_size["width"]
    for email, path, kinds in CHART_PAGES:
        login(page, email)
        page.goto(f"{live_server.url}{path}")
        for kind in kinds:
            chart = page.locator(f"svg.chart-{kind}").first
            expect(chart).to_be_visible()
            assert chart.locator(".chart-axis").count() >= 1, kind
            labels = [text for text in chart.locator("text").all_text_contents() if text.strip()]
            assert len(labels) >= 3, (kind, labels)
            box = chart.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (kind, box)  # never wider than the page
            assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
        expect(page.locator("main table").first).to_be_visible()
        axe_check(page)
        page.context.clear_cookies()


def test_a_printed_roster_or_report_has_no_navigation_and_keeps_its_tables(page, demo, login, live_server):
    for email, path in [
        (role_email("logistics", "paris"), "/c/paris/roster/?view=month"),
        (PARIS_COORDINATOR, "/c/paris/indicators/"),
    ]:
        page.emulate_media(media="screen")
        login(page, email)
        page.goto(f"{live_server.url}{path}")
        expect(page.locator(".site-header")).to_be_visible()
        page.emulate_media(media="print")
        expect(page.locator(".site-header")).to_be_hidden()
        for nav in page.locator("nav").all():
            expect(nav).to_be_hidden()
        expect(page.locator("main table").first).to_be_visible()
        expect(page.locator("main h1")).to_be_visible()
        page.context.clear_cookies()
