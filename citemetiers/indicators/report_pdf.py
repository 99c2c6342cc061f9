"""The annual activity report as a PDF: key figures, visits per month drawn as bars, and the tables.

Made with reportlab, whose wheels carry everything (fonts included): no system library and no
network are needed, on a fresh machine as in production. Numbers, months and dates are written by
Babel in the Cité's main language ("6,5", "1 234", "juil." in French; "6.5", "1,234", "Jul" in English).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import reportlab
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from citemetiers.indicators.selectors import totals, visits_over_time
from citemetiers.indicators.tables import dashboard_tables, key_figures

FONTS = Path(reportlab.__file__).parent / "fonts"
BRAND = colors.HexColor("#1d3a6e")


def _register_fonts() -> None:
    # Vera covers the accents and typographic signs of French (’ « » … —), unlike the PDF core fonts.
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONTS / "VeraBd.ttf")))


def _styles():
    return {
        "title": ParagraphStyle("title", fontName="Vera-Bold", fontSize=20, leading=24, textColor=BRAND),
        "subtitle": ParagraphStyle("subtitle", fontName="Vera", fontSize=11, leading=14, spaceAfter=12),
        "h2": ParagraphStyle("h2", fontName="Vera-Bold", fontSize=13, leading=16, spaceBefore=12, spaceAfter=6),
        "body": ParagraphStyle("body", fontName="Vera", fontSize=9, leading=12),
    }


def report_locale(language: str) -> Locale:
    # English as written in Europe (day first, "1 December 2026"), where the Cités are.
    return Locale.parse("en_GB" if language == "en" else language)


def report_filename(*, centre, year: int) -> str:
    """The PDF's file name in the Cité's language: rapport-activite-<slug>-2025.pdf."""
    with translation.override(centre.main_language):
        return f"{pgettext('file name', 'activity-report')}-{centre.slug}-{year}.pdf"


def _cell(value, locale: Locale) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        # French groups thousands with a narrow no-break space, which the Vera font has no glyph for:
        # the plain no-break space keeps the number on one line all the same.
        return format_decimal(value, locale=locale).replace("\u202f", "\u00a0")
    return str(value)


def _table(rows: list[list], header: list[str], locale: Locale) -> Table:
    data = [header] + [[_cell(cell, locale) for cell in row] for row in rows]
    table = Table(data, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "Vera"),
                ("FONTNAME", (0, 0), (-1, 0), "Vera-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8f2")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c9cbd3")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _month_chart(months: list[tuple[date, int]], locale: Locale) -> Drawing:
    drawing = Drawing(16 * cm, 6 * cm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 1.2 * cm, 1 * cm, 14.5 * cm, 4.6 * cm
    chart.data = [[value for _month, value in months] or [0]]
    # The language's own abbreviations: "juin" and "juil." in French, never two "jui".
    chart.categoryAxis.categoryNames = [format_date(month, "LLL", locale=locale) for month, _value in months]
    chart.valueAxis.labelTextFormat = lambda value: _cell(int(value) if value == int(value) else value, locale)
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = "Vera"
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = BRAND
    drawing.add(chart)
    return drawing


def build_report(*, centre, year: int, progress: Callable[[int], None] = lambda _percent: None) -> bytes:
    """The PDF of a Cité's year, in the Cité's main language; `progress` hears how far it has got."""
    _register_fonts()
    start, end = date(year, 1, 1), date(year, 12, 31)
    locale = report_locale(centre.main_language)
    with translation.override(centre.main_language):
        styles = _styles()
        figures = totals(centre=centre, start=start, end=end)
        months = visits_over_time(centre=centre, start=start, end=end, step="month")
        progress(20)
        tables = dashboard_tables(
            centre=centre, totals=figures, start=start, end=end, step="month", language=centre.main_language
        )
        progress(50)
        story = [
            Paragraph(_("Activity report %(year)s") % {"year": year}, styles["title"]),
            Paragraph(
                _("%(centre)s — made on %(date)s")
                % {"centre": centre.name, "date": format_date(timezone.localdate(), "long", locale=locale)},
                styles["subtitle"],
            ),
            Paragraph(_("Key figures"), styles["h2"]),
            _table([[label, value] for label, value in key_figures(figures)], [_("Indicator"), str(year)], locale),
        ]
        for table in tables:
            story.append(Paragraph(table.title, styles["h2"]))
            if table.code == "visits_over_time":
                story.append(_month_chart(months, locale))
                table.rows = [[format_date(month, "LLLL y", locale=locale), value] for month, value in months]
            story.append(
                _table(table.rows, table.headers, locale)
                if table.rows
                else Paragraph(_("Nothing over this period."), styles["body"])
            )
        story += [
            Spacer(1, 0.5 * cm),
            Paragraph(_("Anonymous figures: the Cité records no personal data about its visitors."), styles["body"]),
        ]
        progress(70)
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            title=_("Activity report %(year)s") % {"year": year},
            author=centre.name,
            lang=centre.main_language,
            leftMargin=2 * cm,
            rightMargin=2 * cm,
        )
        document.build(story)
        progress(95)
    return buffer.getvalue()
