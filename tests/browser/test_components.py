"""The components in a real browser: the confirmation dialog with the keyboard, a paginated page; axe at two widths."""

import pytest
from playwright.sync_api import expect

from citemetiers.centres.models import Centre, Closure
from citemetiers.core.models import AuditEntry
from citemetiers.demo.network import role_email
from tests.browser.conftest import axe_check
from tests.factories import ClosureFactory

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")
WIDTHS = [1280, 375]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_confirmation_dialog_opens_closes_on_escape_and_gives_the_focus_back(page, demo, login, live_server, width):
    closure = ClosureFactory(centre=Centre.objects.get(slug="paris"), reason="Inventaire")
    page.set_viewport_size({"width": width, "height": 800})
    login(page, PARIS_COORDINATOR)
    page.goto(f"{live_server.url}/c/paris/settings/closures/")
    axe_check(page)
    remove = page.locator("form[data-confirm] > button[type=submit]")
    remove.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.confirm-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Inventaire")
    axe_check(page)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(remove).to_be_focused()
    assert Closure.objects.filter(pk=closure.pk).exists()  # Escape removed nothing
    remove.click()
    with page.expect_navigation():
        dialog.locator("[data-confirm-yes]").click()
    assert not Closure.objects.filter(pk=closure.pk).exists()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_paginated_page_is_accessible_and_its_next_page_is_marked_current(page, demo, login, live_server, width):
    paris = Centre.objects.get(slug="paris")
    AuditEntry.objects.bulk_create(
        AuditEntry(centre=paris, action="theme.create", target_type="reception.theme", target_repr=f"T{n}")
        for n in range(120)
    )
    page.set_viewport_size({"width": width, "height": 800})
    login(page, PARIS_COORDINATOR)
    page.goto(f"{live_server.url}/c/paris/audit/")
    axe_check(page)
    nav = page.locator("nav.pagination")
    nav.get_by_role("link", name="2", exact=True).click()
    expect(nav.locator('[aria-current="page"]')).to_have_text("2")
    axe_check(page)
