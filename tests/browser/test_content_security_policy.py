"""The browser tests fail on a Content-Security-Policy violation: the watcher must see one."""

import pytest

from tests.browser.conftest import CspWatchedBrowser

pytestmark = pytest.mark.browser


def test_the_watcher_records_an_inline_script_the_policy_refuses(chromium, live_server, transactional_db):
    watched = CspWatchedBrowser(chromium)
    context = watched.new_context(locale="fr-FR")
    page = context.new_page()
    # The live server's first answer can be slow on a busy machine (imports, first templates).
    page.goto(f"{live_server.url}/accounts/login/", timeout=30_000)
    page.evaluate(
        "() => new Promise(done => {"
        " document.addEventListener('securitypolicyviolation', () => setTimeout(done, 50), {once: true});"
        " const script = document.createElement('script'); script.textContent = 'window.injected = 1';"
        " document.head.append(script);"
        # Without a policy there is no event: do not wait for ever.
        " setTimeout(done, 2000); })"
    )
    ran = page.evaluate("() => window.injected === 1")
    context.close()
    assert not ran
    assert any("script-src" in violation for violation in watched.violations), watched.violations
