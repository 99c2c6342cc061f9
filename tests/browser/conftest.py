"""Browser tests: a real Chromium driven by Playwright's sync API, every page checked with axe-core.

Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) when it is there; otherwise the build that
`playwright install chromium` puts in Playwright's cache. Playwright never downloads anything here.
"""

import os
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

from citemetiers.demo.network import DEMO_PASSWORD, seed_demo
from citemetiers.referentials.services import occupations_load

# pytest-django's live server runs in a thread of this process, while Playwright's sync API keeps an
# event loop running in the main thread: Django would otherwise refuse the ORM calls of the tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# headless=True already passes --headless. Without the background-networking flags, Chromium keeps
# calling home, and a closed network refuses those connections.
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


# Reports each Content-Security-Policy violation to the test: an init script is added by the
# DevTools protocol, so the policy it watches does not apply to it.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class CspWatchedBrowser:
    """The browser, as a test sees it: every context it opens records the page's CSP violations."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.expose_binding("__cspViolation", lambda source, text: self.violations.append(_where(source, text)))
        context.add_init_script(CSP_LISTENER)
        context.on("console", self._console)
        return context

    def _console(self, message):
        # Chromium also logs what it refused; this catches a violation before the listener is ready.
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.violations.append(f"console: {message.text}")


def _where(source, text) -> str:
    return f"{source['page'].url}: {text}"


@pytest.fixture
def browser(chromium):
    """The shared Chromium; the test fails if any page it opened broke the Content-Security-Policy."""
    watched = CspWatchedBrowser(chromium)
    yield watched
    if watched.violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(watched.violations)))


@pytest.fixture
def page(browser):
    """A page in a fresh context (no cookies, no session) that asks for French, as most staff do."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo network; transactional_db, as the live server reads the database from another thread.

    The referentials are loaded again: a transactional test flushes what the migration put in."""
    occupations_load()
    seed_demo()


@pytest.fixture
def login(live_server):
    """login(page, email) -> log in through the real login page and wait for the page it leads to."""

    def do(page, email, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        # By name: the labels read "Adresse e-mail" or "E-mail address" depending on the language.
        page.fill("input[name=username]", email)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("main button[type=submit]")

    return do


def axe_check(page):
    """Run axe-core (WCAG 2.0 and 2.1, A and AA) on the page as it is now; fail with each violation."""
    # Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline scripts.
    page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = [
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}" for node in violation["nodes"])
        for violation in result["violations"]
    ]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(violations)
