"""Browser tests: a real Chromium driven by Playwright's sync API, every page checked with axe-core.

Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) when it is there; otherwise the build that
`playwright install chromium` puts in Playwright's cache. Playwright never downloads anything here.
"""

import functools
import os
import sqlite3
from pathlib import Path

import axe_playwright_python
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from playwright.sync_api import sync_playwright

from citemetiers.centres.tenancy import all_centres_maintenance
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
        self.contexts: list = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        self.contexts.append(context)
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
    # Every context the test opened is closed with it: one left open keeps its connections to the live
    # server alive until the session ends, and their threads then close a database connection no
    # longer shared with them (a teardown error on the worker's last test).
    for context in watched.contexts:
        context.close()
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
def new_page(browser):
    """new_page(**context options) -> a page in its own context: its own cookies, its own person (the
    `browser` fixture closes the contexts with the test)."""

    def make(**options):
        page = browser.new_context(locale=options.pop("locale", "fr-FR"), **options).new_page()
        page.set_default_timeout(10_000)
        return page

    return make


def _copy_of_database() -> sqlite3.Connection:
    """A copy of the test database as it is now, in memory, by SQLite's online backup."""
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    # A test that closed Django's connection leaves it None: the shared in-memory database is opened
    # again under the same name, the same data.
    connection.ensure_connection()
    connection.connection.backup(copy)
    return copy


def _restore_database(copy: sqlite3.Connection) -> None:
    """Put the copy back, pages and sequences, then forget what Django cached of the previous state."""
    connection.ensure_connection()
    copy.backup(connection.connection)
    # The content types were created again by the last flush, under other ids than in the copy.
    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(scope="session")
def demo_database(django_db_setup, django_db_blocker):
    """The demo network seeded ONCE per test process (each xdist worker has its own database), kept as
    a copy that each test using `demo` starts from: seeding took most of a browser test's time.

    The browser pass runs on SQLite in memory, which the live server shares with the test (one
    connection, pytest-django's connections_override): the copy is taken and put back on it."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor != "sqlite" or not connection.is_in_memory_db():
            yield None  # another database: `demo` seeds for each test, as before
            return
        clean = _copy_of_database()
        # The referentials are loaded too: the test databases are built without them.
        occupations_load()
        with all_centres_maintenance():  # a session fixture runs outside the tests' own unscoped body
            seed_demo()
        seeded = _copy_of_database()
        # Back to the state the test that comes next expects (what the last flush left, or the migrations).
        _restore_database(clean)
        clean.close()
    yield seeded
    seeded.close()


@pytest.fixture
def demo(demo_database, transactional_db):
    """The demo network; transactional_db, as the live server reads the database from another thread.

    Each test gets the network as seed_demo() leaves it (a copy of the database, put back); the
    flush of transactional_db empties it after the test, as before."""
    if demo_database is None:
        occupations_load()
        seed_demo()
    else:
        _restore_database(demo_database)


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


@functools.cache
def _axe_source() -> str:
    # Read once per process: half a megabyte, evaluated on every page checked.
    return AXE_SCRIPT.read_text()


def axe_check(page):
    """Run axe-core (WCAG 2.0 and 2.1, A and AA) on the page as it is now; fail with each violation."""
    # Evaluated, not added as a <script>: the page's Content-Security-Policy refuses inline scripts.
    page.evaluate(_axe_source())
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
