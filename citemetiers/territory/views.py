"""The directory's pages: search, a service, the map's data."""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view
from citemetiers.core.forms import is_id, run_form
from citemetiers.territory import imports, searches, selectors, services
from citemetiers.territory.demand import demand_of
from citemetiers.territory.forms import (
    DiagnosticImportForm,
    DirectoryImportForm,
    SavedSearchForm,
    ServiceForm,
    StructureForm,
)
from citemetiers.territory.hours import is_open_now
from citemetiers.territory.models import DiagnosticImport, DirectoryImport, SavedSearch, Service, Structure
from citemetiers.territory.perms import can_edit_directory
from citemetiers.territory.vocab import PUBLICS, theme_choices


class DirectorySearchForm(forms.Form):
    text = forms.CharField(label=_("Search"), required=False, max_length=100)
    theme = forms.ChoiceField(label=_("Need"), required=False, choices=[("", "—"), *theme_choices()])
    public = forms.ChoiceField(label=_("Public"), required=False, choices=[("", "—"), *PUBLICS])
    place = forms.CharField(label=_("Place (town, postcode or area code)"), required=False, max_length=100)
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    guard_exempt = dict.fromkeys(["text", "place"], "a search of the directory is read, never stored")


@centre_view(is_member, methods=("GET",))
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    services = []
    if form.is_valid() or not request.GET:
        criteria = form.cleaned_data if request.GET else {}
        services = selectors.services_search(centre=request.centre, **criteria)
    context = {"form": form, "services": services, "may_edit": can_edit_directory(request.membership)}
    if request.GET and form.is_valid():
        # The search just made, offered to be kept (its criteria carried by the save form).
        context["save_form"] = SavedSearchForm(initial=form.cleaned_data)
    return render(request, "territory/directory.html", context)


@centre_view(is_member, methods=("GET",))
def service_detail(request, service_pk):
    service = get_object_or_404(Service.objects.for_centre(request.centre).select_related("structure"), pk=service_pk)
    is_open = is_open_now(service.hours, timezone=request.centre.time_zone)
    may_edit = can_edit_directory(request.membership)
    return render(request, "territory/service.html", {"service": service, "is_open": is_open, "may_edit": may_edit})


@centre_view(is_member, methods=("GET",))
def map_data(request):
    markers = selectors.services_on_map_json(centre=request.centre)
    return HttpResponse(f'{{"services":{markers}}}', content_type="application/json")


@centre_view(is_member, methods=("GET",))
def map_page(request):
    """The directory on a map; the list beside it is the page's accessible (and script-free) version."""
    tiles = settings.TERRITORY_MAP_TILES_URL
    response = render(
        request,
        "territory/map.html",
        {
            # The markers come whole from map.json; the list, read without scripts, goes page by page.
            "page": Paginator(selectors.services_placed(centre=request.centre), selectors.PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "tiles": tiles,
            "attribution": settings.TERRITORY_MAP_TILES_ATTRIBUTION,
        },
    )
    if tiles:
        # The tile server is allowed on this page only, not in every page's policy.
        parts = urlsplit(tiles)
        response._csp_update = {"img-src": [f"{parts.scheme}://{parts.netloc}"]}
    return response


def _form_page(request, form, title, back):
    return render(request, "territory/edit.html", {"form": form, "title": title, "back_url": back})


@centre_view(can_edit_directory)
def structure_form(request, structure_pk=None):
    structure = (
        get_object_or_404(Structure.objects.for_centre(request.centre), pk=structure_pk) if structure_pk else None
    )
    form = StructureForm(request.POST or None, instance=Structure.objects.get(pk=structure.pk) if structure else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = (
            run_form(form, services.structure_update, structure=structure, data=data, actor=request.user)
            if structure
            else run_form(form, services.structure_create, centre=request.centre, data=data, actor=request.user)
        )
        if attempt:
            messages.success(request, _("The structure has been saved."))
            return redirect("territory:directory", centre_slug=request.centre.slug)
    title = structure.name if structure else _("Add a structure")
    return _form_page(request, form, title, reverse_directory(request))


@centre_view(can_edit_directory)
def service_form(request, service_pk=None):
    service = get_object_or_404(Service.objects.for_centre(request.centre), pk=service_pk) if service_pk else None
    instance = Service.objects.get(pk=service.pk) if service else None
    form = ServiceForm(request.POST or None, instance=instance, centre=request.centre)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = (
            run_form(form, services.service_update, service=service, data=data, actor=request.user)
            if service
            else run_form(form, services.service_create, centre=request.centre, data=data, actor=request.user)
        )
        if attempt:
            messages.success(request, _("The service has been saved."))
            return redirect("territory:service", centre_slug=request.centre.slug, service_pk=attempt.result.pk)
    title = service.name if service else _("Add a service")
    return _form_page(request, form, title, reverse_directory(request))


def reverse_directory(request) -> str:
    return reverse("territory:directory", kwargs={"centre_slug": request.centre.slug})


@centre_view(can_edit_directory, methods=("GET",))
def to_update(request):
    """The services not checked within their frequency: the directory's work list."""
    today = timezone.localdate(timezone=ZoneInfo(request.centre.time_zone))
    stale = Service.objects.for_centre(request.centre).select_related("maintainer").stale(today)
    return render(request, "territory/to_update.html", {"services": stale})


@centre_view(can_edit_directory)
def import_new(request):
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form, imports.directory_import_request, centre=request.centre, structures=data["structures"],
            services=data["services"], fmt=data["format"], actor=request.user,
        )  # fmt: skip
        if attempt:
            return redirect("territory:import", centre_slug=request.centre.slug, import_pk=attempt.result.pk)
    recent = DirectoryImport.objects.for_centre(request.centre).defer("structures", "services")[:10]
    return render(request, "territory/import_new.html", {"form": form, "recent": recent})


@centre_view(can_edit_directory, methods=("GET",))
def import_detail(request, import_pk):
    job = get_object_or_404(
        DirectoryImport.objects.for_centre(request.centre).defer("structures", "services"), pk=import_pk
    )
    return render(request, "territory/import.html", {"job": job})


@centre_view(is_member)
def saved_searches(request):
    """The member's saved searches; a POST keeps a new one (from the directory's "Save this search")."""
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form, searches.saved_search_create, centre=request.centre, name=data["name"], criteria=data,
            actor=request.user,
        )  # fmt: skip
        if attempt:
            messages.success(request, _("The search has been saved: new or changed services will be e-mailed."))
            return redirect("territory:saved_searches", centre_slug=request.centre.slug)
    mine = SavedSearch.objects.for_centre(request.centre).filter(owner=request.user)
    return render(request, "territory/saved_searches.html", {"form": form, "searches": mine})


@centre_view(is_member, methods=("POST",))
def saved_search_delete(request):
    pk = request.POST.get("search", "")
    if not is_id(pk):
        return HttpResponseBadRequest(_("Choose a saved search."))
    # Someone else's search answers 404: one's searches are one's own.
    search = get_object_or_404(SavedSearch.objects.for_centre(request.centre).filter(owner=request.user), pk=int(pk))
    searches.saved_search_delete(search=search, actor=request.user)
    messages.success(request, _("The saved search has been deleted."))
    return redirect("territory:saved_searches", centre_slug=request.centre.slug)


@centre_view(is_member, methods=("GET",))
def diagnostic_page(request):
    """The territory's labour-market figures per zone and occupation family, beside what the Cité's
    visitors asked for over the past year; read by every member of the team."""
    from citemetiers.territory import diagnostic, origin
    from citemetiers.territory.models import LabourFigure, LabourIndicator

    today = timezone.localdate(timezone=ZoneInfo(request.centre.time_zone))
    start = today - dt.timedelta(days=diagnostic.DEMAND_DAYS - 1)
    demand = demand_of(centre=request.centre, start=start, end=today)
    sources = LabourFigure.objects.for_centre(request.centre).values("source", "source_date").distinct()
    cells = origin.origin_cells(centre=request.centre, residence=demand.residence, small_cell=demand.small_cell)
    context = {
        "origin": cells,
        "origin_drawn": [cell for cell in cells if cell.path],
        "origin_height": origin.map_height(cells),
        "origin_width": origin.WIDTH,
        "palette": origin.PALETTE,
        "suppressed_fill": origin.SUPPRESSED,
        "rows": diagnostic.diagnostic_rows(centre=request.centre),
        "indicators": LabourIndicator.labels,
        "sources": sources.order_by("-source_date", "source"),
        "families": diagnostic.family_rows(centre=request.centre, demand=demand),
        "uncovered": diagnostic.zones_uncovered(centre=request.centre),
        "demand": demand,
        "demand_start": start,
        "top": diagnostic.DEMAND_TOP,
        "may_edit": can_edit_directory(request.membership),
    }
    return render(request, "territory/diagnostic.html", context)


@centre_view(can_edit_directory)
def diagnostic_import_new(request):
    """Send the zones or the labour-market figures of the diagnostic; the worker imports them."""
    form = DiagnosticImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form, imports.diagnostic_import_request, centre=request.centre, kind=data["kind"], text=data["file"],
            source=data["source"], source_date=data["source_date"], actor=request.user,
        )  # fmt: skip
        if attempt:
            return redirect(
                "territory:diagnostic_import", centre_slug=request.centre.slug, diagnostic_import_pk=attempt.result.pk
            )
    recent = DiagnosticImport.objects.for_centre(request.centre).defer("text")[:10]
    return render(request, "territory/diagnostic_import_new.html", {"form": form, "recent": recent})


@centre_view(can_edit_directory, methods=("GET",))
def diagnostic_import_detail(request, diagnostic_import_pk):
    job = get_object_or_404(DiagnosticImport.objects.for_centre(request.centre).defer("text"), pk=diagnostic_import_pk)
    return render(request, "territory/diagnostic_import.html", {"job": job})
