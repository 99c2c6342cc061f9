import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_RECEPTION = role_email("reception", "paris")


def test_search_the_directory_open_a_service_and_find_it_on_the_map(page, demo, login, live_server):
    login(page, PARIS_RECEPTION)
    page.goto(f"{live_server.url}/c/paris/territory/?theme=se-former")
    axe_check(page)
    found = page.locator("ul.directory > li a").filter(has_text="Trouver sa formation")
    name = found.first.inner_text()
    found.first.click()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".partner-details")).to_contain_text("rue de la Démo")
    axe_check(page)

    page.goto(f"{live_server.url}/c/paris/territory/map/")
    expect(page.locator("section ul.directory")).to_contain_text(name)
    # The vendored Leaflet drew the markers (clustered) without any tile server.
    expect(page.locator("#territory-map .leaflet-marker-icon").first).to_be_visible()
    axe_check(page)
