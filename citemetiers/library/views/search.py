"""Searching the library: a Cité's search page, the network staff's, and the options of the resource picker."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from citemetiers.centres.models import Centre
from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view, network_view
from citemetiers.library import search
from citemetiers.library.forms import SearchForm
from citemetiers.library.perms import can_contribute_to_library
from citemetiers.library.views.common import LANGUAGE_NAMES
from citemetiers.library.vocab import FACETS, LANGUAGES, Kind, Visibility
from citemetiers.network.perms import is_network_staff
from citemetiers.referentials.models import Occupation

PER_PAGE = 20


def _facet_labels(facets: dict, *, chosen_occupations, language: str) -> dict[str, dict[str, str]]:
    """What each facet value is called for the reader: vocabulary labels, Cités' and occupations' names."""
    labels = {name: dict(choices.choices) for name, choices in FACETS.items()}
    labels["kind"] = dict(Kind.choices)
    labels["language"] = {code: str(name) for code, name in LANGUAGES}
    centre_ids = [int(value) for value, _count in facets.get("centre", [])]
    labels["centre"] = {str(c.pk): c.name for c in Centre.objects.filter(pk__in=centre_ids)}
    occupation_ids = [int(value) for value, _count in facets.get("occupation", [])[:15]]
    occupations = Occupation.objects.filter(pk__in=[*occupation_ids, *chosen_occupations]).prefetch_related("labels")
    labels["occupation"] = {str(o.pk): o.label_in(language) for o in occupations}
    return labels


@centre_view(is_member, methods=("GET",))
def library_search(request):
    centre = request.centre
    context = _search_context(
        request,
        centre=centre,
        search_url=reverse("library:search", kwargs={"centre_slug": centre.slug}),
        resource_url=lambda pk: reverse("library:resource", kwargs={"centre_slug": centre.slug, "resource_pk": pk}),
    )
    context["can_contribute"] = can_contribute_to_library(request.membership)
    template = "library/includes/results.html" if request.htmx else "library/search.html"
    return render(request, template, context)


@network_view(is_network_staff, methods=("GET",))
def network_search(request):
    """Network staff search the resources the Cités share with the whole network."""
    context = _search_context(
        request,
        centre=None,
        search_url=reverse("network_library:search"),
        resource_url=lambda pk: reverse("network_library:resource", kwargs={"resource_pk": pk}),
    )
    template = "library/includes/results.html" if request.htmx else "library/search.html"
    return render(request, template, context)


def _search_context(request, *, centre, search_url: str, resource_url) -> dict:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = search.SearchQuery(
        text=data.get("q", ""),
        kinds=tuple(data.get("kind", ())),
        languages=tuple(data.get("language", ())),
        themes=tuple(data.get("theme", ())),
        audiences=tuple(data.get("audience", ())),
        areas=tuple(data.get("area", ())),
        occupations=tuple(data.get("occupation", ())),
        centres=tuple(data.get("centre", ())),
    )
    page = data.get("page") or 1
    results = search.search(query, centre=centre, language=request.LANGUAGE_CODE, page=page, per_page=PER_PAGE)
    labels = _facet_labels(results.facets, chosen_occupations=query.occupations, language=request.LANGUAGE_CODE)
    chosen = {
        "kind": set(query.kinds),
        "language": set(query.languages),
        "theme": set(query.themes),
        "audience": set(query.audiences),
        "area": set(query.areas),
        "occupation": {str(pk) for pk in query.occupations},
        "centre": {str(pk) for pk in query.centres},
    }
    facet_groups = []
    titles = {
        "kind": _("Type"),
        "language": _("Language"),
        "theme": _("Theme"),
        "audience": _("Audience"),
        "area": _("Advice area"),
        "occupation": _("Occupation"),
        "centre": _("Author Cité"),
    }
    for name in search.FACET_NAMES:
        values = results.facets.get(name, [])
        if name == "occupation":
            values = values[:15]
        options = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": count,
                "checked": value in chosen[name],
            }
            for value, count in values
        ]
        if options:
            facet_groups.append({"name": name, "title": titles[name], "options": options})
    for hit in results.hits:
        hit.language_name = LANGUAGE_NAMES.get(hit.language, hit.language)
        hit.url = resource_url(hit.resource.pk)
    params = request.GET.copy()
    params.pop("page", None)
    pages = (results.total + PER_PAGE - 1) // PER_PAGE
    context = {
        "form": form,
        "query": query,
        "results": results,
        "facet_groups": facet_groups,
        "page": page,
        "pages": pages,
        "base_query": params.urlencode(),
        "language_names": LANGUAGE_NAMES,
        "search_url": search_url,
        "can_contribute": False,
    }
    return context


@centre_view(is_member, methods=("GET",))
def resource_autocomplete(request):
    """The options of the resource combobox: the best library matches of what the adviser types, among the
    resources a visitor may open (shared with the network), since the combobox picks recommendations."""
    query = request.GET.get("q", "").strip()[:100]
    too_short = len(query) < 2
    hits = []
    if not too_short:
        hits = search.search(
            search.SearchQuery(text=query), centre=request.centre, language=request.LANGUAGE_CODE, per_page=10
        ).hits
        hits = [hit for hit in hits if hit.resource.visibility == Visibility.NETWORK]
    return render(request, "library/includes/resource_options.html", {"hits": hits, "too_short": too_short})
