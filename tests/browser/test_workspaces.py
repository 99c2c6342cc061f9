"""Each role walks its workspaces at desktop and phone widths: no axe violation, a screenshot of each.

The screenshots go to the test artefacts (var/test-artifacts/workspaces/, git-ignored), for a person
to look at the menus as each role sees them; nothing compares them automatically.
"""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from citemetiers.accounts.roles import NetworkRole, Role
from tests.browser.conftest import axe_check
from tests.factories import PASSWORD, CentreFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR, "var", "test-artifacts", "workspaces")
WIDTHS = {"desktop": 1280, "phone": 375}
WHO = [*Role, *NetworkRole]


def _open_menu_if_folded(page):
    """On a phone the workspaces are behind the "Menu" disclosure: open it with the keyboard."""
    toggle = page.locator(".nav-disclosure > summary")
    if toggle.is_visible():
        if page.locator(".nav-disclosure[open]").count() == 0:
            toggle.focus()
            page.keyboard.press("Enter")
        expect(page.locator(".workspace-list")).to_be_visible()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("who", WHO, ids=str)
def test_each_role_walks_its_workspaces_without_accessibility_violation(
    browser, transactional_db, live_server, login, who, width
):
    centre = CentreFactory(with_areas=True, slug="walk")
    if who in Role.values:
        user = MembershipFactory(centre=centre, roles=[who]).user
        start = f"{live_server.url}/c/{centre.slug}/"
    else:
        user = UserFactory(network_roles=[who])
        start = f"{live_server.url}/network/"
    context = browser.new_context(locale="fr-FR", viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        login(page, user.email, PASSWORD)
        page.goto(start)
        _open_menu_if_folded(page)
        workspaces = page.locator(".workspace-list a")
        names = [name.strip() for name in workspaces.all_inner_texts()]
        assert len(names) >= 2, names  # the home (or the network) and at least one workspace
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for name in names:
            page.goto(start)
            _open_menu_if_folded(page)
            page.locator(".workspace-list").get_by_role("link", name=name, exact=True).click()
            page.wait_for_load_state()
            # The workspace reached is the current one, and its secondary navigation marks the page.
            if name != "Ma journée":  # the home: in no workspace
                expect(page.locator('.workspace-list a[aria-current="true"]')).to_have_text(name)
                expect(page.locator('.section-nav a[aria-current="page"]')).to_have_count(1)
            axe_check(page)
            slug = name.lower().replace(" ", "-")
            page.screenshot(path=str(ARTIFACTS / f"{who}-{width}-{slug}.png"), full_page=False)
    finally:
        context.close()


def test_the_phone_menu_is_folded_and_the_desktop_menu_open(browser, transactional_db, live_server, login):
    centre = CentreFactory(with_areas=True, slug="walk")
    user = MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user
    for width, folded in ((375, True), (1280, False)):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            login(page, user.email, PASSWORD)
            page.goto(f"{live_server.url}/c/{centre.slug}/")
            expect(page.locator(".nav-disclosure > summary")).to_be_visible(visible=folded)
            expect(page.locator(".workspace-list")).to_be_visible(visible=not folded)
        finally:
            context.close()


def _menu_expanded(page) -> bool | None:
    """The "Menu" button's expanded state as Chromium tells assistive technologies (its accessibility
    tree): a native <summary> says it without an aria-expanded attribute to keep in step."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    for node in nodes:
        if node.get("ignored") or not str(node.get("name", {}).get("value", "")).startswith("Menu"):
            continue
        for prop in node.get("properties", []):
            if prop["name"] == "expanded":
                return prop["value"]["value"]
    return None


def test_on_a_phone_the_menu_opens_and_closes_with_the_keyboard(browser, transactional_db, live_server, login):
    centre = CentreFactory(with_areas=True, slug="walk")
    user = MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        login(page, user.email, PASSWORD)
        page.goto(f"{live_server.url}/c/{centre.slug}/")
        toggle = page.locator(".nav-disclosure > summary")
        menu = page.locator(".workspace-list")
        # Reached by Tab from the top of the page, as a keyboard user does.
        for _ in range(30):
            page.keyboard.press("Tab")
            if toggle.evaluate("(element) => element === document.activeElement"):
                break
        expect(toggle).to_be_focused()
        expect(menu).to_be_hidden()
        assert _menu_expanded(page) is False
        page.keyboard.press("Enter")
        expect(menu).to_be_visible()
        assert _menu_expanded(page) is True
        axe_check(page)  # open, too
        # The next Tab enters the menu, at its first workspace.
        page.keyboard.press("Tab")
        expect(menu.locator("a").first).to_be_focused()
        page.keyboard.press("Shift+Tab")
        expect(toggle).to_be_focused()
        page.keyboard.press("Space")
        expect(menu).to_be_hidden()
        assert _menu_expanded(page) is False
        axe_check(page)
    finally:
        context.close()
