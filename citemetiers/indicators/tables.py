"""The dashboard as a list of tables: the same rows feed the chart, the table beside it and the CSV."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from citemetiers.indicators import charts
from citemetiers.indicators.models import DailyCount
from citemetiers.indicators.selectors import Totals, arrivals_heatmap, visits_over_time
from citemetiers.indicators.services import UNKNOWN
from citemetiers.reception.models import (
    AdviceArea,
    AgeBand,
    Channel,
    EducationLevel,
    Gender,
    Orientation,
    Outcome,
    Situation,
    Theme,
)
from citemetiers.referentials.models import Occupation

TOP = 10


@dataclass
class Table:
    code: str
    title: str
    headers: list[str]
    rows: list[list]
    # "bars": rows are (label, count), drawn as bars above the table; "series": a count per period,
    # drawn as a line over `points`; "heatmap": cells shaded, drawn with its scale; "plain": no chart.
    kind: str = "bars"
    # A series' (first day of the period, count), the dates still dates for the chart's axis.
    points: list | None = None
    step: str = "day"

    @property
    def chart(self):
        """The SVG drawing of the table's figures, or "" when there is nothing to draw."""
        if self.kind == "series" and self.points:
            return charts.series_chart(
                self.points, title=self.title, x_title=self.headers[0], y_title=self.headers[1], step=self.step
            )
        if self.kind == "bars" and self.max_value:
            return charts.bar_chart(self.rows, title=self.title)
        if self.kind == "heatmap" and self.max_cell:
            return charts.heatmap_chart(self.headers, self.rows, title=self.title)
        return ""

    @property
    def max_cell(self) -> int:
        return max((cell for row in self.rows for cell in row[1:] if isinstance(cell, int)), default=0)

    @property
    def max_value(self) -> int:
        return max((row[1] for row in self.rows if isinstance(row[1], int)), default=0)


PROFILE_TABLES = [
    ("channel", gettext_lazy("Channel"), Channel),
    ("outcome", gettext_lazy("Orientation at reception"), Outcome),
    ("age_band", gettext_lazy("Age"), AgeBand),
    ("gender", gettext_lazy("Gender"), Gender),
    ("situation", gettext_lazy("Situation"), Situation),
    ("education_level", gettext_lazy("Education level"), EducationLevel),
]


def _choice_rows(counts, choices) -> list[list]:
    rows = [[label, counts.get(value, 0)] for value, label in choices.choices]
    if counts.get(UNKNOWN):
        rows.append([_("Not asked"), counts[UNKNOWN]])
    return rows


def _by_area(*, centre, start: date, end: date, metric: str) -> list[list]:
    sums = dict(
        DailyCount.objects.filter(centre=centre, metric=metric, day__gte=start, day__lte=end)
        .values_list("area")
        .annotate(v=Sum("value"))
    )
    rows = [[area.name, sums.get(area.pk, 0)] for area in AdviceArea.objects.for_centre(centre)]
    if sums.get(None):
        rows.append([_("No advice area"), sums[None]])
    return rows


def _named(counts, queryset, name) -> list[list]:
    top = counts.most_common(TOP)
    objects = queryset.in_bulk([int(key) for key, _count in top if key.isdigit()])
    return [[name(objects[int(key)]) if int(key) in objects else key, count] for key, count in top]


def dashboard_tables(*, centre, totals: Totals, start: date, end: date, area=None, step: str, language: str):
    over_time = visits_over_time(centre=centre, start=start, end=end, area=area, step=step)
    date_style = "YEAR_MONTH_FORMAT" if step == "month" else "SHORT_DATE_FORMAT"
    tables = [
        Table(
            "visits_over_time",
            _("Visits over time"),
            [_("Period"), _("Visits")],
            [[date_format(day, date_style), value] for day, value in over_time],
            kind="series",
            points=over_time,
            step=step,
        ),
    ]
    if area is None:
        tables.append(
            Table(
                "areas",
                _("Visits by first need"),
                [_("Advice area"), _("Visits")],
                _by_area(centre=centre, start=start, end=end, metric="visits"),
            )
        )
    for metric, title, choices in PROFILE_TABLES:
        tables.append(Table(metric, str(title), [str(title), _("Visits")], _choice_rows(totals.keys(metric), choices)))
    tables += [
        Table(
            "themes",
            _("Top themes of interviews"),
            [_("Theme"), _("Interviews")],
            _named(totals.keys("theme"), Theme.objects.for_centre(centre), lambda theme: theme.name),
        ),
        Table(
            "occupations",
            _("Top occupations of interviews"),
            [_("Occupation"), _("Interviews")],
            _named(
                totals.keys("occupation"),
                Occupation.objects.prefetch_related("labels"),
                lambda occupation: occupation.label_in(language),
            ),
        ),
        Table(
            "orientations",
            _("Orientation given in interviews"),
            [_("Orientation"), _("Interviews")],
            _choice_rows(totals.keys("orientation"), Orientation),
        ),
        Table(
            "satisfaction",
            _("Satisfaction (1 to 5)"),
            [_("Rating"), _("Answers")],
            [[str(n), totals.keys("satisfaction").get(str(n), 0)] for n in range(1, 6)],
        ),
    ]
    return tables


WEEKDAYS = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]


def heatmap_table(*, centre, start: date, end: date, area=None) -> Table:
    cells = arrivals_heatmap(centre=centre, start=start, end=end, area=area)
    hours = sorted({hour for _weekday, hour in cells}) or list(range(9, 18))
    weekdays = sorted({weekday for weekday, _hour in cells}) or list(range(5))
    rows = [[str(WEEKDAYS[weekday])] + [cells.get((weekday, hour), 0) for hour in hours] for weekday in weekdays]
    return Table(
        "heatmap", _("Arrivals by weekday and hour"), [_("Day")] + [f"{h}h" for h in hours], rows, kind="heatmap"
    )


def _trend_rows(current, previous, names: dict) -> list[list]:
    keys = set(current) | set(previous)
    rows = [
        [names.get(key, key), current.get(key, 0), previous.get(key, 0), current.get(key, 0) - previous.get(key, 0)]
        for key in keys
    ]
    rows.sort(key=lambda row: (-abs(row[3]), str(row[0])))
    return [[*row[:3], f"{row[3]:+d}"] for row in rows[:TOP] if row[3]]


def trend_tables(*, centre, current: Totals, previous: Totals, language: str) -> list[Table]:
    """Themes and occupations rising or falling against the previous period of the same length."""
    headers = [_("This period"), _("Previous period"), pgettext("trend", "Change")]
    theme_keys = set(current.keys("theme")) | set(previous.keys("theme"))
    themes = Theme.objects.for_centre(centre).in_bulk([int(k) for k in theme_keys if k.isdigit()])
    occupation_keys = set(current.keys("occupation")) | set(previous.keys("occupation"))
    occupations = Occupation.objects.prefetch_related("labels").in_bulk(
        [int(k) for k in occupation_keys if k.isdigit()]
    )
    return [
        Table(
            "theme_trends",
            _("Themes rising or falling"),
            [_("Theme"), *headers],
            _trend_rows(current.keys("theme"), previous.keys("theme"), {str(pk): t.name for pk, t in themes.items()}),
            kind="plain",
        ),
        Table(
            "occupation_trends",
            _("Occupations rising or falling"),
            [_("Occupation"), *headers],
            _trend_rows(
                current.keys("occupation"),
                previous.keys("occupation"),
                {str(pk): o.label_in(language) for pk, o in occupations.items()},
            ),
            kind="plain",
        ),
    ]


def key_figures(totals: Totals) -> list[tuple[str, object]]:
    """The figures at the top of the dashboard; None is shown as a dash (not enough data)."""
    return [
        (_("Visits"), totals.visits),
        (_("Tickets"), totals.count("tickets")),
        (_("Interviews"), totals.count("interviews")),
        (_("Median wait (min)"), totals.median_wait()),
        (_("Wait, 90th percentile (min)"), totals.p90_wait()),
        (_("Median interview (min)"), totals.median_service()),
        (_("Called but absent (%)"), totals.no_show_rate()),
        (_("Left without being seen"), totals.keys("status")["left"]),
        (_("Satisfaction (1 to 5)"), totals.satisfaction()),
        (_("Event attendees"), totals.count("event_attended")),
        (_("Event fill rate (%)"), totals.event_fill_rate()),
        (_("Event no-shows (%)"), totals.event_no_show_rate()),
        (_("On events' waiting lists"), totals.count("event_waiting")),
    ]


# The dashboard's sections, in reading order: how busy the Cité is stays open; who comes and what
# interviews were about fold, so the page opens on its summary and the activity (issue 15).
DASHBOARD_SECTIONS = [
    ("activity", gettext_lazy("Activity"), True, ("visits_over_time", "areas", "heatmap")),
    ("visitors", gettext_lazy("Who comes"), False, tuple(metric for metric, _title, _choices in PROFILE_TABLES)),
    (
        "interviews",
        gettext_lazy("What the interviews were about"),
        False,
        ("themes", "theme_trends", "occupations", "occupation_trends", "orientations", "satisfaction"),
    ),
]


def dashboard_sections(tables: list[Table]) -> list[dict]:
    """The dashboard's tables grouped in its folding sections; a table no section names goes last."""
    by_code = {table.code: table for table in tables}
    sections = []
    for code, title, is_open, codes in DASHBOARD_SECTIONS:
        members = [by_code.pop(table_code) for table_code in codes if table_code in by_code]
        if members:
            sections.append({"code": code, "title": title, "open": is_open, "tables": members})
    if by_code:
        sections.append({"code": "other", "title": _("Other figures"), "open": False, "tables": list(by_code.values())})
    return sections
