import html

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

CV = "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"
TRAINING = "se-former--trouver-sa-formation"


def url(name, centre, **kwargs):
    return reverse(f"territory:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


def page(client, address) -> str:
    """The list of services found (the search form's options name the themes too)."""
    response = client.get(address)
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    return text.split("<h2>", 1)[1]


def test_the_directory_searches_by_need_and_place(client_as, centre):
    ServiceFactory(structure__centre=centre, name="Atelier CV", themes=[CV], commune="Lyon")
    ServiceFactory(structure__centre=centre, name="Trouver sa formation", themes=[TRAINING], commune="Lyon")
    ServiceFactory(structure__centre=centre, name="Atelier CV à Vienne", themes=[CV], commune="Vienne")
    found = page(client_as(Role.ADVISER), url("directory", centre) + f"?theme={CV}&place=lyon")
    assert "Atelier CV" in found and "Trouver sa formation" not in found and "Vienne" not in found


def test_the_directory_search_by_a_theme_category_takes_its_themes(client_as, centre):
    ServiceFactory(structure__centre=centre, name="Trouver sa formation", themes=[TRAINING])
    ServiceFactory(structure__centre=centre, name="Atelier CV", themes=[CV])
    found = page(client_as(Role.ADVISER), url("directory", centre) + "?theme=se-former")
    assert "Trouver sa formation" in found and "Atelier CV" not in found


def test_open_now_keeps_only_the_services_open_at_this_moment(client_as, centre):
    ServiceFactory(structure__centre=centre, name="Toujours ouvert", opening_hours="24/7")
    ServiceFactory(structure__centre=centre, name="Jamais ouvert", opening_hours="off")
    found = page(client_as(Role.RECEPTION), url("directory", centre) + "?open_now=on")
    assert "Toujours ouvert" in found and "Jamais ouvert" not in found


def test_another_centres_service_answers_404(client_as, centre, other_centre):
    foreign = ServiceFactory(structure__centre=other_centre)
    response = client_as(Role.ADVISER).get(url("service", centre, service_pk=foreign.pk))
    assert response.status_code == 404


def test_the_map_data_lists_the_centres_services_with_coordinates_only(client_as, centre, other_centre):
    placed = ServiceFactory(structure__centre=centre, latitude=45.76, longitude=4.83)
    ServiceFactory(structure__centre=centre, latitude=None, longitude=None)
    ServiceFactory(structure__centre=other_centre)
    data = client_as(Role.ADVISER).get(url("map_data", centre)).json()
    assert data == {"services": [{"id": placed.pk, "name": placed.name, "lat": 45.76, "lon": 4.83}]}


def test_directory_and_map_query_counts_do_not_grow_with_the_services(client_as, centre, django_assert_max_num_queries):
    ServiceFactory.create_batch(30, structure__centre=centre)
    client = client_as(Role.ADVISER)
    client.get(url("directory", centre))  # the session and the menus settle first
    with django_assert_max_num_queries(12):
        assert client.get(url("directory", centre)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(url("map_data", centre)).status_code == 200


def test_the_map_page_reads_one_page_of_the_list_not_every_marker(client_as, centre, django_assert_max_num_queries):
    ServiceFactory.create_batch(3, structure__centre=centre)
    ServiceFactory(structure__centre=centre, name="Sans coordonnées", latitude=None, longitude=None)
    client = client_as(Role.ADVISER)
    client.get(url("map", centre))
    with django_assert_max_num_queries(12):
        response = client.get(url("map", centre))
    page = response.context["page"]
    assert page.paginator.count == 3 and not isinstance(page.paginator.object_list, list)
    assert "Sans coordonnées" not in response.content.decode()
