import secrets
from datetime import timedelta

import segno
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from citemetiers.core.idempotency import FIELD, new_key

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """A duration in whole minutes, rounded up: '1 minute' is better than '0 minutes'."""
    if not value:
        return 0
    return -(-int(value.total_seconds()) // 60)


@register.simple_tag(takes_context=True)
def qr_svg(context, data: str, title: str = "", scale: int = 4) -> str:
    """A QR code as inline SVG, named `title` for screen readers; made on the server, no outside service.

    A path ("/t/…") is made absolute with the address the page was served from.
    """
    if data.startswith("/"):
        data = context["request"].build_absolute_uri(data)
    code = segno.make(data, error="m")
    # omitsize: a viewBox and no fixed width or height, so the code scales to whatever box the style sheet
    # gives it (38 mm on a slip) instead of being cropped, finder patterns and all, at its drawn size.
    svg = code.svg_inline(scale=scale, border=2, svgclass="qr", lineclass=None, omitsize=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" ', 1)
    return mark_safe(svg)  # noqa: S308 -- segno escapes the title; the rest is generated markup


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None: dictionaries keyed by numbers are out of the dot's reach."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def idempotency_field() -> str:
    """The hidden random key of a state-changing form: sent twice, the form does one thing."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())


@register.filter
def elided_page_range(page):
    """The page numbers around the current one, with '…' between: a 40-page log keeps a short nav."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.simple_tag
def unique_id(prefix: str) -> str:
    """An id no other element of the page has: two confirmation dialogs must not share their label."""
    return f"{prefix}-{secrets.token_hex(4)}"
