"""The number of queries of the library's search, pinned (see tests/reception/test_query_counts.py),
for five hits. A change that adds or saves a query changes its count HERE, in the same commit, with
the reason."""

import pytest
from django.db import connection
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = {
    # The floor (session, user, membership); the occupations matching the words, the search
    # documents' statistics, the ranked hits (one SQL), the hits' resources and their translations;
    # then ONE QUERY PER HIT for its file in the reader's language (5 here: grows with the page of
    # hits, left as it is); the Cités of the hits, the membership again (the menu), the session save (3).
    "search": 18,
    # The same without the page around it (no menu: no second membership read).
    "search_fragment": 17,
    # A query holding a compound, in a language of the index that writes them as one word: one more,
    # reading which of its pieces the library's vocabulary holds (library/search.py::compound_groups).
    "search_compound": 19,
}
# PostgreSQL first reads the query's lexemes in each language (to_tsquery's readings): one more.
EXTRA_ON_POSTGRESQL = 1


def max_queries(name):
    return MAX_QUERIES[name] + (EXTRA_ON_POSTGRESQL if connection.vendor == "postgresql" else 0)


@pytest.fixture
def adviser(client_as, centre):
    for index in range(5):
        ResourceFactory(centre=centre, title=f"Atelier métier {index}")
    return client_as(Role.ADVISER)


def search_url(centre):
    return reverse("library:search", kwargs={"centre_slug": centre.slug})


def test_search(adviser, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(max_queries("search")):
        page = adviser.get(search_url(centre), {"q": "atelier"})
    assert page.status_code == 200
    assert page.content.decode().count("Atelier métier") >= 5


def test_search_fragment(adviser, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(max_queries("search_fragment")):
        page = adviser.get(search_url(centre), {"q": "atelier"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert page.content.decode().count("Atelier métier") >= 5


def test_search_of_a_compound(client_as, centre, django_assert_max_num_queries):
    for index in range(5):
        ResourceFactory(centre=centre, language="de", title=f"Foto für die Bewerbung {index}")
    adviser = client_as(Role.ADVISER)
    with django_assert_max_num_queries(max_queries("search_compound")):
        page = adviser.get(search_url(centre), {"q": "Bewerbungsfoto"})
    assert page.status_code == 200
    assert page.content.decode().count("Foto für die Bewerbung") >= 5
