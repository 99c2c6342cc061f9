from django.shortcuts import render

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view
from citemetiers.referentials.selectors import occupations_search

MIN_QUERY = 2
# Longer input is not a label someone is typing: cut it rather than build a query of 50 words.
MAX_QUERY = 100


@centre_view(is_member, methods=("GET",))
def occupation_autocomplete(request):
    """The options of the occupation combobox, in the reader's language, for a label typed in any language."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    too_short = len(query) < MIN_QUERY
    matches = [] if too_short else occupations_search(query, language=request.LANGUAGE_CODE)
    return render(
        request,
        "referentials/includes/occupation_options.html",
        {"matches": matches, "query": query, "too_short": too_short},
    )
