"""The library's visibility rule is written once (`readable_by`): the manager's scope, `visible_to`,
the search's SQL and the visitor's recommendations are all built from it."""

import pytest

from citemetiers.centres import tenancy
from citemetiers.library import models as library_models
from citemetiers.library import search
from citemetiers.library.models import Resource, is_readable_by, readable_by
from citemetiers.library.search import SearchQuery
from citemetiers.library.vocab import Visibility
from tests.factories import InterviewFactory, ResourceFactory, TicketFactory


@pytest.mark.django_db
def test_the_python_reading_of_the_rule_agrees_with_its_query_in_every_case(centre, other_centre):
    resources = [
        ResourceFactory(centre=author, visibility=visibility)
        for author in (centre, other_centre)
        for visibility in (Visibility.NETWORK, Visibility.CENTRE)
    ]
    for reader in (centre, other_centre, None):
        by_query = set(Resource.objects.filter(readable_by(reader)).values_list("pk", flat=True))
        by_python = {resource.pk for resource in resources if is_readable_by(resource, reader)}
        assert by_python == by_query


@pytest.mark.django_db
def test_the_search_sql_is_built_from_the_rule(centre, monkeypatch):
    """Change the one definition and the search's raw SQL follows: it is not written again there."""
    ResourceFactory(centre=centre, title="Les métiers du numérique", visibility=Visibility.NETWORK)
    query = SearchQuery(text="numérique")
    assert len(search.search(query, centre=centre, language="fr").hits) == 1
    monkeypatch.setattr(
        library_models, "readable_by", lambda centre, through="": library_models.Q(visibility="no-such-visibility")
    )
    assert search.search(query, centre=centre, language="fr").hits == []


@pytest.mark.django_db
def test_the_search_in_a_cites_scope_finds_another_cites_private_resource_nowhere(centre, other_centre):
    ResourceFactory(centre=other_centre, title="Les métiers du numérique", visibility=Visibility.CENTRE)
    mine = ResourceFactory(centre=centre, title="Le numérique en Cité", visibility=Visibility.CENTRE)
    with tenancy.centre_scope(centre):
        hits = search.search(SearchQuery(text="numérique"), centre=centre, language="fr").hits
    assert [hit.resource.pk for hit in hits] == [mine.pk]


@pytest.mark.django_db
def test_a_visitor_is_shown_only_the_shared_resources_recommended(centre):
    shared = ResourceFactory(centre=centre, visibility=Visibility.NETWORK)
    private = ResourceFactory(centre=centre, visibility=Visibility.CENTRE)
    ticket = TicketFactory(centre=centre, area=centre.advice_areas.first(), done=True)
    interview = InterviewFactory(ticket=ticket)
    interview.resources.set([shared, private])
    assert interview.visible_resources() == [shared]
