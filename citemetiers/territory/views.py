"""The directory's pages: search, a service, the map's data."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view
from citemetiers.territory import selectors
from citemetiers.territory.hours import is_open_now
from citemetiers.territory.models import Service
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
    return render(request, "territory/directory.html", {"form": form, "services": services})


@centre_view(is_member, methods=("GET",))
def service_detail(request, service_pk):
    service = get_object_or_404(Service.objects.for_centre(request.centre).select_related("structure"), pk=service_pk)
    is_open = is_open_now(service.hours, timezone=request.centre.time_zone)
    return render(request, "territory/service.html", {"service": service, "is_open": is_open})


@centre_view(is_member, methods=("GET",))
def map_data(request):
    return JsonResponse({"services": selectors.services_on_map(centre=request.centre)})


@centre_view(is_member, methods=("GET",))
def map_page(request):
    """The directory on a map; the list beside it is the page's accessible (and script-free) version."""
    tiles = settings.TERRITORY_MAP_TILES_URL
    response = render(
        request,
        "territory/map.html",
        {
            "services": selectors.services_on_map(centre=request.centre),
            "tiles": tiles,
            "attribution": settings.TERRITORY_MAP_TILES_ATTRIBUTION,
        },
    )
    if tiles:
        # The tile server is allowed on this page only, not in every page's policy.
        parts = urlsplit(tiles)
        response._csp_update = {"img-src": [f"{parts.scheme}://{parts.netloc}"]}
    return response
