"""The error pages a person meets are accessible, and keep to the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def test_the_404_page_is_accessible_and_leads_back_home(page, transactional_db, live_server):
    # The live server's first answer can be slow on a busy machine (imports, first templates).
    response = page.goto(f"{live_server.url}/nothing-here/", timeout=30_000)
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page introuvable")
    axe_check(page)
    page.get_by_role("link", name="Revenir à l'accueil").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
