"""The Content-Security-Policy every page is sent with: only this site's own scripts and styles.

The browser tests (tests/browser/conftest.py) fail on any violation of it; this pins the policy.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from citemetiers.accounts.roles import Role

TEMPLATES = Path(settings.BASE_DIR, "citemetiers")


def _policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: set(part.split()[1:]) for part in header.split(";") if part.strip()}


def test_a_signed_in_page_carries_the_policy(client_as, centre):
    client = client_as(Role.RECEPTION)
    policy = _policy(client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})))
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["img-src"] <= {"'self'", "data:"}
    assert policy["object-src"] == {"'none'"}
    assert policy["base-uri"] == {"'none'"}
    assert policy["form-action"] == {"'self'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/c/nowhere/"])
def test_public_pages_and_errors_carry_it_too(client, db, path):
    assert "script-src 'self'" in client.get(path)["Content-Security-Policy"]


def test_htmx_is_told_not_to_inject_its_inline_style(client, db):
    """htmx adds a <style> element for its indicators unless told not to; the policy would refuse it."""
    page = client.get("/accounts/login/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles":false}\'>' in page


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=|<style\b", re.I)
# htmx evaluates these as strings, which needs 'unsafe-eval': trigger filters, hx-on, js: values.
HTMX_EVAL = re.compile(r"""hx-trigger=["'][^"']*\[|hx-on[:-]|hx-vals=["']\s*js:|hx-vars""", re.I)


def test_no_template_holds_inline_script_handler_or_style():
    """What the policy refuses, caught in the source before a browser test meets it."""
    found = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text()
        for name, pattern in [
            ("script", INLINE_SCRIPT),
            ("handler", INLINE_HANDLER),
            ("style", INLINE_STYLE),
            ("htmx expression", HTMX_EVAL),
        ]:
            found += [f"{template.relative_to(TEMPLATES)}: inline {name}" for _ in pattern.finditer(text)]
    assert not found, found
