from django.shortcuts import render

from citemetiers.centres import perms as centre_perms
from citemetiers.core.access import centre_view, network_view
from citemetiers.network import perms as network_perms
from citemetiers.sitesearch.forms import MIN_QUERY_CHARS, SiteSearchForm
from citemetiers.sitesearch.selectors import site_search


def _results_page(request, *, centre, membership):
    form = SiteSearchForm(request.GET)
    results = None
    text = form.cleaned_data["q"] if form.is_valid() else ""
    if len(text) >= MIN_QUERY_CHARS:
        results = site_search(
            text, user=request.user, membership=membership, centre=centre, language=request.LANGUAGE_CODE
        )
    context = {"form": form, "query": text, "results": results, "min_chars": MIN_QUERY_CHARS}
    return render(request, "sitesearch/results.html", context)


@centre_view(centre_perms.is_member, methods=("GET",))
def centre_search(request):
    """The header search of a Cité: its pages, the library as its members read it, its partners."""
    return _results_page(request, centre=request.centre, membership=request.membership)


@network_view(network_perms.is_network_staff, methods=("GET",))
def network_search(request):
    """The header search of the network area: its pages and the resources shared with the network."""
    return _results_page(request, centre=None, membership=None)
