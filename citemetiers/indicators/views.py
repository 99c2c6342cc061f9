import csv
import io
from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.models import Centre
from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view, network_view
from citemetiers.core.exports import spreadsheet_safe
from citemetiers.core.files import stored_file_response
from citemetiers.core.forms import run_form
from citemetiers.indicators.charts import box_chart, strip_chart
from citemetiers.indicators.forms import DashboardForm, ImportForm, PeriodForm, ReportForm
from citemetiers.indicators.imports import COLUMNS, history_import
from citemetiers.indicators.jobs import report_request
from citemetiers.indicators.models import ActivityReport, DailyCount, ImportBatch, ReportStatus
from citemetiers.indicators.perms import can_compare_with_network, can_import_history, can_make_reports
from citemetiers.indicators.selectors import SMALL_CELL, network_comparison, totals
from citemetiers.indicators.tables import (
    Table,
    dashboard_sections,
    dashboard_tables,
    heatmap_table,
    key_figures,
    trend_tables,
)
from citemetiers.network.perms import can_compare_cites

INDICATOR_LABELS = {
    "visits": _("Visits"),
    "interviews_per_visit": _("Interviews per visit"),
    "median_wait": _("Median wait (min)"),
    "p90_wait": _("Wait, 90th percentile (min)"),
    "median_service": _("Median interview (min)"),
    "no_show_rate": _("Called but absent (%)"),
    "satisfaction": _("Satisfaction (1 to 5)"),
    "event_attendance": _("Event attendees"),
    "event_fill_rate": _("Event fill rate (%)"),
    "event_no_show_rate": _("Event no-shows (%)"),
}


def _dashboard(request):
    form = DashboardForm(request.GET, centre=request.centre)
    if not form.is_valid():
        return form, None, []
    data = form.cleaned_data
    period = {"centre": request.centre, "start": data["start"], "end": data["end"], "area": data["area"]}
    figures = totals(**period)
    tables = dashboard_tables(totals=figures, step=data["step"], language=request.LANGUAGE_CODE, **period)
    tables.append(heatmap_table(**period))
    # The previous period of the same length, for what is changing in the public's needs.
    length = data["end"] - data["start"] + timedelta(days=1)
    previous = totals(**{**period, "start": data["start"] - length, "end": data["start"] - timedelta(days=1)})
    tables += trend_tables(centre=request.centre, current=figures, previous=previous, language=request.LANGUAGE_CODE)
    return form, figures, tables


@centre_view(is_member, methods=("GET",))
def dashboard(request):
    """The Cité's figures: coordinators and the whole team read them; nothing here is editable."""
    form, figures, tables = _dashboard(request)
    imported_months = []
    if figures is not None:
        imported_months = DailyCount.objects.filter(
            centre=request.centre, imported=True, day__gte=form.cleaned_data["start"], day__lte=form.cleaned_data["end"]
        ).dates("day", "month")
    return render(
        request,
        "indicators/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "key_figures": key_figures(figures) if figures is not None else [],
            "imported_months": imported_months,
            "tables": tables,
            "sections": dashboard_sections(tables),
            "query": request.GET.urlencode(),
            # The page's own links, asked of the indicators' predicates here, where they belong.
            "can": {
                "compare_with_network": can_compare_with_network(request.membership),
                "make_reports": can_make_reports(request.membership),
                "import_history": can_import_history(request.membership),
            },
        },
        status=200 if figures is not None else 422,
    )


@centre_view(is_member, methods=("GET",))
def dashboard_export(request, table, fmt):
    """One table of the dashboard as CSV or XLSX, for the same period and area."""
    _form, _figures, tables = _dashboard(request)
    chosen = next((t for t in tables if t.code == table), None)
    if chosen is None:
        raise Http404
    return _table_file(chosen, fmt, f"{request.centre.slug}-{table}")


def _comparison_context(request, centre=None):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return {"form": form, "rows": []}
    comparisons = network_comparison(centre=centre, start=form.cleaned_data["start"], end=form.cleaned_data["end"])
    rows = [(INDICATOR_LABELS[c.code], c) for c in comparisons]
    return {"form": form, "rows": rows}


@centre_view(can_compare_with_network, methods=("GET",))
def centre_comparison(request):
    """Where this Cité stands: its figures against the network's median and quartiles, aggregates only."""
    context = _comparison_context(request, request.centre)
    context["chart_title"] = _("Your Cité's position in the network")
    context["chart"] = box_chart(context["rows"], title=context["chart_title"])
    context |= {
        "page_title": _("Comparison with the network"),
        "table_caption": _("Your Cité against the network"),
        "csv_url": reverse("indicators:comparison_csv", kwargs={"centre_slug": request.centre.slug}),
        "xlsx_url": reverse("indicators:comparison_xlsx", kwargs={"centre_slug": request.centre.slug}),
        "json_url": reverse("indicators:comparison_json", kwargs={"centre_slug": request.centre.slug}),
    }
    return render(request, "indicators/comparison.html", context)


@network_view(can_compare_cites, methods=("GET",))
def network_comparison_view(request):
    """Every Cité's shared indicators, suppressed where they rest on fewer than 5 visits."""
    context = _comparison_context(request)
    context["centres"] = list(Centre.objects.active())
    context["chart_title"] = _("Each Cité's position in the network")
    context["chart"] = strip_chart(context["rows"], context["centres"], title=context["chart_title"])
    context |= {
        "page_title": _("Indicators of the network"),
        "table_caption": _("Shared indicators by Cité"),
        "csv_url": reverse("network_indicators:network_comparison_csv"),
        "xlsx_url": reverse("network_indicators:network_comparison_xlsx"),
        "json_url": reverse("network_indicators:network_comparison_json"),
    }
    return render(request, "indicators/network_comparison.html", context)


# The comparison also leaves as a CSV file and as JSON for other tools (read with the same login).
# Both are built from network_comparison(), whose figures are already suppressed under SMALL_CELL
# visits: a suppressed figure is an empty cell in CSV and null in JSON, never a number.


def _period_or_error(request, fmt):
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["start"], form.cleaned_data["end"], None
    if fmt == "json":
        return None, None, JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    messages_text = "\n".join(str(message) for errors in form.errors.values() for message in errors)
    return None, None, HttpResponse(messages_text, content_type="text/plain; charset=utf-8", status=400)


def _comparison_json(start, end, comparisons, *, head: dict, each) -> JsonResponse:
    """The comparison for other tools: the period, the threshold, and per indicator the network's
    quartiles with what `each(comparison)` adds (the Cité's own figure, or every Cité's)."""
    return JsonResponse(
        {
            **head,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "small_cell": SMALL_CELL,
            "indicators": [
                {
                    "code": c.code,
                    "label": str(INDICATOR_LABELS[c.code]),
                    **each(c),
                    "network": {"q1": c.q1, "median": c.median, "q3": c.q3, "cites": c.cites},
                }
                for c in comparisons
            ],
        }
    )


@centre_view(can_compare_with_network, methods=("GET",))
def centre_comparison_export(request, fmt):
    """This Cité against the network, as CSV, XLSX or JSON."""
    start, end, error = _period_or_error(request, fmt)
    if error is not None:
        return error
    comparisons = network_comparison(centre=request.centre, start=start, end=end)
    if fmt == "json":
        return _comparison_json(
            start, end, comparisons, head={"cite": request.centre.slug}, each=lambda c: {"own": c.own}
        )
    table = Table(
        "comparison",
        _("Comparison with the network"),
        [
            _("Indicator"),
            _("Your Cité"),
            _("Network: first quartile"),
            _("Network: median"),
            _("Network: third quartile"),
            _("Cités counted"),
        ],
        [[INDICATOR_LABELS[c.code], c.own, c.q1, c.median, c.q3, c.cites] for c in comparisons],
    )
    return _table_file(table, fmt, f"{request.centre.slug}-network-{start}-{end}")


@network_view(can_compare_cites, methods=("GET",))
def network_comparison_export(request, fmt):
    """Every Cité's shared indicators, as CSV, XLSX or JSON, suppressed like the page."""
    start, end, error = _period_or_error(request, fmt)
    if error is not None:
        return error
    comparisons = network_comparison(start=start, end=end)
    centres = list(Centre.objects.active())
    if fmt == "json":
        return _comparison_json(
            start,
            end,
            comparisons,
            head={"cites": [{"slug": centre.slug, "name": centre.name} for centre in centres]},
            each=lambda c: {"by_cite": {centre.slug: c.by_centre.get(centre.pk) for centre in centres}},
        )
    table = Table(
        "network",
        _("Indicators of the network"),
        [_("Indicator"), _("Network: median"), *(centre.name for centre in centres)],
        [
            [INDICATOR_LABELS[c.code], c.median, *(c.by_centre.get(centre.pk) for centre in centres)]
            for c in comparisons
        ],
    )
    return _table_file(table, fmt, f"network-{start}-{end}")


def _table_file(table: Table, fmt: str, name: str) -> HttpResponse:
    """A table as a CSV (UTF-8 with a byte order mark, so that spreadsheet programs read the accents)
    or XLSX download; a figure that is not there (None: suppressed, or no data) is an empty cell, and
    text is always text, never a formula."""
    rows = [[str(header) for header in table.headers]]
    rows += [
        [cell if isinstance(cell, int | float) or cell is None else str(cell) for cell in row] for row in table.rows
    ]
    if fmt == "xlsx":
        # Imported here, not at start-up: openpyxl costs every worker's start (and every recycle) otherwise.
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(table.title)[:31])
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response)
        for row in rows:
            writer.writerow(["" if cell is None else spreadsheet_safe(cell) for cell in row])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@centre_view(can_import_history)
def history_import_view(request):
    """Upload monthly figures kept before the platform: every bad row is listed, nothing half-imported."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch, errors = history_import(
            centre=request.centre, name=upload.name, content=upload.read(), actor=request.user
        )
        if batch is not None:
            messages.success(
                request,
                _("%(rows)s rows imported, for the months %(months)s.")
                % {"rows": batch.rows, "months": ", ".join(batch.months)},
            )
            return redirect("indicators:import", centre_slug=request.centre.slug)
    batches = ImportBatch.objects.filter(centre=request.centre).select_related("uploaded_by")[:20]
    return render(
        request,
        "indicators/import.html",
        {"form": form, "errors": errors, "batches": batches, "columns": ["month", "area", *COLUMNS]},
        status=422 if errors or form.errors else 200,
    )


def _reports(request):
    return ActivityReport.objects.filter(centre=request.centre).select_related("requested_by")


@centre_view(can_make_reports)
def reports(request):
    """Ask for an annual activity report and follow its progress; ready ones are downloaded here."""
    form = ReportForm(request.POST or None, centre=request.centre)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(form, report_request, centre=request.centre, year=form.cleaned_data["year"], actor=request.user)
    ):
        messages.success(request, _("The report is being made: follow its progress below."))
        return redirect("indicators:reports", centre_slug=request.centre.slug)
    reports = list(_reports(request)[:20])
    pending = any(report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) for report in reports)
    template = "indicators/includes/report_rows.html" if request.htmx else "indicators/reports.html"
    return render(request, template, {"form": form, "reports": reports, "pending": pending})


@centre_view(can_make_reports, methods=("GET",))
def report_download(request, report_pk):
    # Imported here, not at start-up: reportlab costs every worker's start (and every recycle) otherwise.
    from citemetiers.indicators.report_pdf import report_filename

    report = get_object_or_404(_reports(request), pk=report_pk, status=ReportStatus.DONE)
    return stored_file_response(
        report.pdf, filename=report_filename(centre=request.centre, year=report.year), content_type="application/pdf"
    )
