"""Charts drawn on the server as SVG: a time series, labelled bars, the arrivals heatmap with its
scale, and the network position as a box or strip plot.

Drawn here rather than by a JavaScript library (README, "Charts"): the chart is in the page without
any script, its numbers and dates are formatted by Django in the page's language, and it carries no
inline style (the Content-Security-Policy refuses style attributes, which the SVG renderers of the
charting libraries write) — every colour and font comes from classes in app.css. Each chart is an
image with a short text alternative; its figures are in the table that always follows it.
"""

from __future__ import annotations

import math
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

FONT = 14  # the text size of the drawings, in SVG units (app.css sets the same)
CHAR = 7.6  # a rough width of one character at that size, to leave room for labels


def number(value) -> str:
    """A figure as the page's language writes it: 12 000 / 12,000; 4,25 / 4.25."""
    if isinstance(value, float) and not value.is_integer():
        return number_format(round(value, 2), use_l10n=True, force_grouping=True)
    return number_format(int(value), use_l10n=True, force_grouping=True)


def nice_ticks(maximum: float, minimum: float = 0, count: int = 4) -> list[float]:
    """Round values from minimum to at least maximum (1, 2, 2.5 or 5 times a power of ten apart)."""
    span = (maximum - minimum) or abs(maximum) or 1
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if raw <= factor * magnitude)
    if magnitude >= 1 and step < 1:
        step = 1
    first = math.floor(minimum / step) * step
    ticks = [first]
    while ticks[-1] < maximum:
        ticks.append(round(ticks[-1] + step, 10))
    if len(ticks) == 1:
        ticks.append(round(first + step, 10))
    return [int(tick) if float(tick).is_integer() else tick for tick in ticks]


def _labelled(label, value) -> str:
    """What a point's tooltip says: its label and its figure."""
    return _("%(label)s: %(value)s") % {"label": label, "value": number(value)}


def _svg(kind: str, width: float, height: float, label: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="chart chart-{}" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}" '
        'xmlns="http://www.w3.org/2000/svg">{}</svg>',
        kind,
        _("%(title)s (chart; its figures are in the table that follows)") % {"title": label},
        _n(width),
        _n(height),
        _n(width),
        _n(height),
        body,
    )


def _n(value: float) -> str:
    """A coordinate: a dot for decimals whatever the language, at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(css: str, x: float, y: float, text, anchor: str = "start") -> SafeString:
    return format_html(
        '<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>', css, _n(x), _n(y), anchor, str(text)
    )


def _line(css: str, x1: float, y1: float, x2: float, y2: float) -> SafeString:
    return format_html('<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}" />', css, _n(x1), _n(y1), _n(x2), _n(y2))


def _join(parts) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _raw(literal: str) -> SafeString:
    """Fixed markup written in this module (never data): format_html refuses to be called without arguments."""
    return SafeString(literal)


def _x_axis(scale, ticks, *, left: float, right: float, y: float, grid_top: float | None = None) -> SafeString:
    """A horizontal value axis: its line, a tick and a label at each round value, and the grid above."""
    parts = [_raw('<g class="chart-axis chart-axis-x">'), _line("chart-axis-line", left, y, right, y)]
    for tick in ticks:
        x = scale(tick)
        if grid_top is not None:
            parts.append(_line("chart-grid", x, grid_top, x, y))
        parts += [
            _line("chart-tick", x, y, x, y + 4),
            _text("chart-tick-label", x, y + 4 + FONT, number(tick), "middle"),
        ]
    parts.append(_raw("</g>"))
    return _join(parts)


def _linear(domain_max: float, start: float, end: float, domain_min: float = 0):
    span = (domain_max - domain_min) or 1
    return lambda value: start + (value - domain_min) / span * (end - start)


def series_chart(
    points: list[tuple[date, int]], *, title: str, x_title: str, y_title: str, step: str, target: float | None = None
) -> SafeString:
    """A value over time: a line through each period, dated on the x axis, counted on the y axis;
    `target` draws a dashed horizontal line at the value to reach (a project's objective)."""
    width, height = 440, 260
    left, right, top, bottom = 56, width - 40, 16, height - 52
    maximum = max([value for _day, value in points] + ([target] if target is not None else []), default=0)
    ticks = nice_ticks(maximum or 1)
    y = _linear(ticks[-1], bottom, top)
    count = len(points)

    def x(index: int) -> float:
        return (left + right) / 2 if count == 1 else left + index * (right - left) / (count - 1)

    style = "N Y" if step == "month" else "SHORT_DATE_FORMAT"
    # As many dates as fit side by side, evenly spaced.
    sample = len(date_format(points[0][0], style)) if points else 10
    fitting = max(2, int((right - left) / (sample * CHAR + 12)))
    every = max(1, math.ceil(count / fitting))
    parts = [_raw('<g class="chart-axis chart-axis-y">'), _line("chart-axis-line", left, top, left, bottom)]
    for tick in ticks:
        parts += [
            _line("chart-grid", left, y(tick), right, y(tick)),
            _text("chart-tick-label", left - 6, y(tick) + FONT / 3, number(tick), "end"),
        ]
    parts += [
        format_html(
            '<text class="chart-axis-title" x="0" y="0" transform="translate(14 {}) rotate(-90)" '
            'text-anchor="middle">{}</text>',
            _n((top + bottom) / 2),
            y_title,
        ),
        _raw("</g>"),
        _raw('<g class="chart-axis chart-axis-x">'),
        _line("chart-axis-line", left, bottom, right, bottom),
    ]
    for index, (day, _value) in enumerate(points):
        if index % every == 0:
            parts += [
                _line("chart-tick", x(index), bottom, x(index), bottom + 4),
                _text("chart-tick-label", x(index), bottom + 4 + FONT, date_format(day, style), "middle"),
            ]
    parts += [_text("chart-axis-title", (left + right) / 2, height - 6, x_title, "middle"), _raw("</g>")]
    if target is not None:
        parts.append(_line("chart-target", left, y(target), right, y(target)))
    if points:
        path = " ".join(f"{'M' if i == 0 else 'L'}{_n(x(i))},{_n(y(v))}" for i, (_d, v) in enumerate(points))
        parts.append(format_html('<path class="chart-line" d="{}" />', path))
        if count <= 62:
            parts += [
                format_html(
                    '<circle class="chart-point" cx="{}" cy="{}" r="3"><title>{}</title></circle>',
                    _n(x(i)),
                    _n(y(v)),
                    _labelled(date_format(d, style), v),
                )
                for i, (d, v) in enumerate(points)
            ]
    return _svg("series", width, height, title, _join(parts))


def bar_chart(rows: list[list], *, title: str) -> SafeString:
    """One bar per row, its label above it and its value at its end, on a counted axis."""
    width, row_height = 420, 38
    longest = max((len(number(row[1])) for row in rows if isinstance(row[1], int)), default=1)
    left, right = 12, width - 8 - longest * CHAR
    top = 4
    bottom = top + row_height * len(rows)
    maximum = max((row[1] for row in rows if isinstance(row[1], int)), default=0)
    ticks = nice_ticks(maximum or 1)
    scale = _linear(ticks[-1], left + 1, right)
    parts = [_x_axis(scale, ticks, left=left + 1, right=right, y=bottom, grid_top=top)]
    for index, (label, value, *_rest) in enumerate(rows):
        y = top + index * row_height
        value = value if isinstance(value, int) else 0
        parts += [
            _text("chart-label", left + 1, y + FONT, label),
            format_html(
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="14" />',
                _n(left + 1),
                _n(y + FONT + 5),
                _n(max(scale(value) - left - 1, 0)),
            ),
            _text("chart-value", scale(value) + 4, y + FONT + 17, number(value)),
        ]
    return _svg("bars", width, bottom + 4 + 2 * FONT, title, _join(parts))


def heat_level(value, maximum) -> int:
    """0 to 4: the shade of a heatmap cell (the number stays written in it)."""
    if not maximum or not value:
        return 0
    return min(4, 1 + int(4 * value / (maximum + 1)))


def heat_scale(maximum: int) -> list[tuple[int, str]]:
    """The legend of the shades: (level, the values it stands for), the empty levels left out."""
    scale = [(0, number(0))]
    for level in range(1, 5):
        low = max(1, math.ceil((level - 1) * (maximum + 1) / 4))
        high = maximum if level == 4 else math.ceil(level * (maximum + 1) / 4) - 1
        if maximum and low <= min(high, maximum):
            scale.append((level, number(low) if low == high else f"{number(low)}–{number(min(high, maximum))}"))
    return scale


def heatmap_chart(headers: list[str], rows: list[list], *, title: str) -> SafeString:
    """Weekdays by hours, each cell shaded by its count and written in it, with the scale below."""
    cell_width, cell_height = 40, 28
    left = max((len(str(row[0])) for row in rows), default=6) * CHAR + 8
    top = FONT + 8
    maximum = max((cell for row in rows for cell in row[1:] if isinstance(cell, int)), default=0)
    width = left + cell_width * (len(headers) - 1)
    hours = [
        _text("chart-tick-label", left + (i + 0.5) * cell_width, FONT + 2, h, "middle")
        for i, h in enumerate(headers[1:])
    ]
    days = [_text("chart-label", 0, top + (r + 0.5) * cell_height + FONT / 3, row[0]) for r, row in enumerate(rows)]
    parts = [
        format_html('<g class="chart-axis chart-axis-x">{}</g>', _join(hours)),
        format_html('<g class="chart-axis chart-axis-y">{}</g>', _join(days)),
    ]
    for r, row in enumerate(rows):
        y = top + r * cell_height
        for c, value in enumerate(row[1:]):
            level = heat_level(value, maximum)
            x = left + c * cell_width
            parts += [
                format_html(
                    '<rect class="heat-{}" x="{}" y="{}" width="{}" height="{}" />',
                    level,
                    _n(x),
                    _n(y),
                    cell_width - 2,
                    cell_height - 2,
                ),
                _text(
                    f"chart-cell heat-text-{level}",
                    x + cell_width / 2 - 1,
                    y + cell_height / 2 + FONT / 3,
                    number(value),
                    "middle",
                ),
            ]
    legend_y = top + len(rows) * cell_height + 10
    parts.append(_raw('<g class="chart-legend">'))
    parts.append(_text("chart-legend-title", 0, legend_y + FONT, _("Arrivals")))
    x = 80
    for level, label in heat_scale(maximum):
        parts += [
            format_html(
                '<rect class="heat-{} chart-swatch" x="{}" y="{}" width="18" height="18" />',
                level,
                _n(x),
                _n(legend_y + 1),
            ),
            _text("chart-legend-label", x + 24, legend_y + FONT, label),
        ]
        x += 24 + len(label) * CHAR + 16
    parts.append(_raw("</g>"))
    return _svg("heatmap", max(width, x), legend_y + 28, title, _join(parts))


LEGEND_MARKS = {
    "box": '<rect class="chart-box" x="{x}" y="{y}" width="22" height="14" />',
    "median": '<line class="chart-median" x1="{x11}" y1="{y}" x2="{x11}" y2="{y14}" />',
    "own": '<path class="chart-own" d="M{x11},{y} l7,7 l-7,7 l-7,-7 z" />',
    "dot": '<circle class="chart-dot" cx="{x11}" cy="{y7}" r="6" />',
}


def _legend(items: list[tuple[str, str]], width: float) -> tuple[SafeString, float]:
    """The marks and what they stand for, on as many lines as the width needs; and its height."""
    parts, x, y = [], 12, 4
    for mark, label in items:
        needed = 30 + len(label) * CHAR
        if x > 12 and x + needed > width:
            x, y = 12, y + 24
        coordinates = {"x": _n(x), "x11": _n(x + 11), "y": _n(y), "y7": _n(y + 7), "y14": _n(y + 14)}
        parts += [_raw(LEGEND_MARKS[mark].format(**coordinates)), _text("chart-legend-label", x + 30, y + 12, label)]
        x += needed + 16
    return format_html('<g class="chart-legend">{}</g>', _join(parts)), y + 30


def _position_chart(kind: str, indicators, *, title: str, legend: list[tuple[str, str]], draw) -> SafeString:
    """One band per indicator, each on its own axis from 0 (the indicators have different units)."""
    width, band = 520, 78
    left, right = 12, width - 28
    legend, top = _legend(legend, width)
    parts = [legend]
    shown = 0
    for label, values, item in indicators:
        values = [value for value in values if value is not None]
        if not values:
            continue
        y = top + shown * band
        ticks = nice_ticks(max(values) or 1)
        scale = _linear(ticks[-1], left, right)
        parts += [
            _text("chart-label", left, y + FONT, label),
            _x_axis(scale, ticks, left=left, right=right, y=y + 48),
            draw(item, scale, y + 22),
        ]
        shown += 1
    if not shown:
        return _raw("")
    return _svg(kind, width, top + shown * band, title, _join(parts))


def box_chart(rows, *, title: str) -> SafeString:
    """The Cité's figure against the network's first quartile, median and third quartile."""

    def draw(comparison, scale, y):
        parts = []
        if comparison.q1 is not None and comparison.q3 is not None:
            parts.append(
                format_html(
                    '<rect class="chart-box" x="{}" y="{}" width="{}" height="20"><title>{}</title></rect>',
                    _n(scale(comparison.q1)),
                    _n(y),
                    _n(max(scale(comparison.q3) - scale(comparison.q1), 1)),
                    _("Network: %(q1)s to %(q3)s") % {"q1": number(comparison.q1), "q3": number(comparison.q3)},
                )
            )
        if comparison.median is not None:
            parts.append(_line("chart-median", scale(comparison.median), y - 3, scale(comparison.median), y + 23))
        if comparison.own is not None:
            x = scale(comparison.own)
            parts += [
                format_html('<path class="chart-own" d="M{},{} l7,7 l-7,7 l-7,-7 z" />', _n(x), _n(y + 3)),
                _text(
                    "chart-value",
                    x + 10 if x < 400 else x - 10,
                    y + 2,
                    number(comparison.own),
                    "start" if x < 400 else "end",
                ),
            ]
        return _join(parts)

    legend = [
        ("box", _("Network: first to third quartile")),
        ("median", _("median")),
        ("own", _("Your Cité")),
    ]
    return _position_chart(
        "box",
        [(label, [c.own, c.q1, c.median, c.q3], c) for label, c in rows],
        title=title,
        legend=legend,
        draw=draw,
    )


def strip_chart(rows, centres, *, title: str) -> SafeString:
    """Every Cité's figure as a dot on the indicator's axis, and the network's median."""

    def draw(comparison, scale, y):
        parts = []
        if comparison.median is not None:
            parts.append(_line("chart-median", scale(comparison.median), y - 3, scale(comparison.median), y + 23))
        for centre in centres:
            value = comparison.by_centre.get(centre.pk)
            if value is not None:
                parts.append(
                    format_html(
                        '<circle class="chart-dot" cx="{}" cy="{}" r="6"><title>{}</title></circle>',
                        _n(scale(value)),
                        _n(y + 10),
                        _labelled(centre.name, value),
                    )
                )
        return _join(parts)

    legend = [("dot", _("A Cité")), ("median", _("Network: median"))]
    return _position_chart(
        "strip",
        [(label, [c.median, *c.by_centre.values()], c) for label, c in rows],
        title=title,
        legend=legend,
        draw=draw,
    )
