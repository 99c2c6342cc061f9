"""The design tokens of app.css: the palette is dark on light and every text colour passes WCAG AA."""

import re
from pathlib import Path

from django.conf import settings

APP_CSS = Path(settings.BASE_DIR) / "citemetiers" / "static" / "css" / "app.css"


def _tokens() -> dict[str, str]:
    root = re.search(r":root\s*{(.*?)}", APP_CSS.read_text(), re.DOTALL).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_spacing_and_type_scale_are_custom_properties():
    tokens = _tokens()
    for name in ("--color-ink", "--color-bg", "--color-brand", "--space-1", "--space-4", "--font-size-base"):
        assert name in tokens, name


def test_every_text_colour_reads_at_aa_contrast_on_the_light_backgrounds():
    tokens = _tokens()
    assert _luminance(tokens["--color-bg"]) > _luminance(tokens["--color-ink"])  # dark on light
    for text in ("--color-ink", "--color-muted", "--color-brand", "--color-accent", "--color-ok"):
        for background in ("--color-bg", "--color-surface", "--color-brand-soft"):
            assert contrast(tokens[text], tokens[background]) >= 4.5, (text, background)
    assert contrast(tokens["--color-brand-ink"], tokens["--color-brand"]) >= 4.5
    # Lines and shapes that carry meaning (axes, inputs' borders): 3:1 (WCAG 1.4.11).
    assert contrast(tokens["--color-line-strong"], tokens["--color-bg"]) >= 3


def test_reduced_motion_and_print_are_provided_for():
    css = APP_CSS.read_text()
    assert "@media (prefers-reduced-motion: reduce)" in css
    assert "@media print" in css
