"""The search index is rebuilt by one command after a change of analysis (issue 20: word families)."""

from django.core.management import call_command

from citemetiers.centres.tenancy import centre_scope
from citemetiers.library import search
from citemetiers.library.models import SearchDocument
from citemetiers.library.search import SearchQuery
from tests.factories import ResourceFactory


def test_library_reindex_rebuilds_every_search_document(centre):
    ResourceFactory(centre=centre, title="Permanence création d'activité")
    with centre_scope(centre):
        SearchDocument.objects.all().delete()  # as if indexed by an older analysis
        assert not search.search(SearchQuery(text="créer"), centre=centre, language="fr").hits
    call_command("library_reindex", verbosity=0)
    with centre_scope(centre):
        hits = search.search(SearchQuery(text="créer"), centre=centre, language="fr").hits
    assert [hit.translation.title for hit in hits] == ["Permanence création d'activité"]
