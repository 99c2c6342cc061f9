"""Browser tests: a real Chromium driven by Playwright, every page checked with axe-core."""

import os
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

from citemetiers.centres.demo import DEMO_PASSWORD, seed_demo

# The live server runs in a thread of this process while Playwright's sync API runs an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # French first: the browser asks for French, as most of the network's staff do.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    seed_demo()


@pytest.fixture
def login(live_server):
    def do(page, email, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", password)
        page.click("main button[type=submit]")
        page.wait_for_load_state("domcontentloaded")

    return do


def assert_accessible(page):
    """Run axe-core on the page as it is now; fail with each violation and the elements concerned."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in result["violations"]
    ]
    assert not violations, f"{page.url}:\n" + "\n".join(violations)
