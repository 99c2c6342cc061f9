"""The directory's search finds the same on both databases; on PostgreSQL indexes answer it (migration 0007,
the `postgres` tests); the map's markers are written as JSON by the database."""

import pytest
from django.db import connection
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.territory import selectors
from citemetiers.territory.models import Service
from tests.territory.factories import ServiceFactory, StructureFactory

pytestmark = pytest.mark.django_db

CV = "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"
TRAINING = "se-former--trouver-sa-formation"


@pytest.fixture
def directory(centre):
    lyon = StructureFactory(centre=centre, name="Maison de l'emploi", commune="Lyon")
    ServiceFactory(structure=lyon, name="Atelier CV", themes=[CV], publics=["jeunes"], commune="", postcode="")
    ServiceFactory(structure__centre=centre, name="Trouver sa formation", themes=[TRAINING], publics=["tous-publics"],
                   zone=["69123"], commune="Vienne", postcode="38200")  # fmt: skip
    ServiceFactory(structure__centre=centre, name="Aide au permis", themes=["mobilite--acceder-a-un-vehicule"],
                   publics=["seniors"], commune="Paris", postcode="75011", description="Le samedi.")  # fmt: skip
    return centre


def names(centre, **criteria):
    return sorted(s.name for s in selectors.services_search(centre=centre, **criteria))


def test_the_searches_find_on_postgresql_what_they_find_on_sqlite(directory):
    assert names(directory, theme="se-former") == ["Trouver sa formation"]
    assert names(directory, theme=CV) == ["Atelier CV"]
    assert names(directory, public="jeunes") == ["Atelier CV", "Trouver sa formation"]
    assert names(directory, place="lyon") == ["Atelier CV"]
    assert names(directory, place="69123") == ["Trouver sa formation"]
    assert names(directory, place="75011") == ["Aide au permis"]
    assert names(directory, text="maison DE") == ["Atelier CV"]
    assert names(directory, text="SAMEDI") == ["Aide au permis"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("criteria", "index"),
    [
        ({"theme": "se-former"}, "territory_service_themes_gin"),
        ({"public": "jeunes"}, "territory_service_publics_gin"),
        ({"place": "69123"}, "territory_service_zone_gin"),
        ({"place": "lyon"}, "territory_service_commune"),
        ({"text": "atelier"}, "territory_service_name_trgm"),
        ({"text": "samedi"}, "territory_service_description_trgm"),
    ],
)
def test_each_criterion_can_be_answered_by_its_index(directory, criteria, index):
    # The criterion alone: with a handful of rows, the Cité's own index would answer the whole query.
    [condition] = selectors.search_criteria(centre=directory, **criteria)
    sql, params = Service.objects.filter(condition).query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows is scanned faster than indexed: forbid the scan to see the index is usable.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan


def test_the_map_markers_come_as_json_from_the_database(directory, client_as):
    placed = selectors.services_matching(centre=directory).order_by("pk")
    expected = [{"id": s.pk, "name": s.name, "lat": s.latitude, "lon": s.longitude} for s in placed]
    response = client_as(Role.ADVISER).get(reverse("territory:map_data", kwargs={"centre_slug": directory.slug}))
    assert response.json() == {"services": expected}
