"""The map page: vendored Leaflet, a tile server only when a setting names one, the list beside it."""

import html

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def map_url(centre):
    return reverse("territory:map", kwargs={"centre_slug": centre.slug})


def test_the_map_page_lists_the_services_placed_on_it(client_as, centre, other_centre):
    ServiceFactory(structure__centre=centre, name="Atelier CV placé", latitude=45.7, longitude=4.8)
    ServiceFactory(structure__centre=centre, name="Sans coordonnées", latitude=None, longitude=None)
    ServiceFactory(structure__centre=other_centre, name="Ailleurs")
    text = html.unescape(client_as(Role.RECEPTION).get(map_url(centre)).content.decode())
    assert "Atelier CV placé" in text and "Sans coordonnées" not in text and "Ailleurs" not in text


def test_without_a_tile_server_the_page_calls_no_outside_server_and_says_so(client_as, centre, settings):
    settings.TERRITORY_MAP_TILES_URL = ""
    response = client_as(Role.RECEPTION).get(map_url(centre))
    text = response.content.decode()
    assert "data-tiles" not in text and "tile.openstreetmap" not in text
    # The directives' order is the policy's own: compare the images' directive, wherever it stands.
    directives = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";") if d.strip())
    assert directives["img-src"] == "'self' data:"
    assert "vendor/leaflet/leaflet.js" in text


def test_a_tile_server_setting_is_used_and_allowed_by_the_policy_of_this_page_only(client_as, centre, settings):
    settings.TERRITORY_MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.TERRITORY_MAP_TILES_ATTRIBUTION = "© example"
    client = client_as(Role.RECEPTION)
    response = client.get(map_url(centre))
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in response.content.decode()
    assert "https://tiles.example.org" in response["Content-Security-Policy"]
    directory = client.get(reverse("territory:directory", kwargs={"centre_slug": centre.slug}))
    assert "tiles.example.org" not in directory["Content-Security-Policy"]


def test_the_map_list_is_paginated_while_the_map_data_keeps_every_marker(client_as, centre):
    for n in range(selectors_page_size() + 3):
        ServiceFactory(structure__centre=centre, name=f"Service {n:03d}", latitude=45.7, longitude=4.8)
    client = client_as(Role.RECEPTION)
    first = client.get(map_url(centre))
    assert len(first.context["page"].object_list) == selectors_page_size()
    assert 'rel="next"' in first.content.decode()
    last = client.get(map_url(centre), {"page": 2})
    assert [s["name"] for s in last.context["page"].object_list][-1] == f"Service {selectors_page_size() + 2:03d}"
    # A page number that is not one answers the last page, not a 500.
    assert client.get(map_url(centre), {"page": "zzz"}).status_code == 200
    data = client.get(reverse("territory:map_data", kwargs={"centre_slug": centre.slug})).json()
    assert len(data["services"]) == selectors_page_size() + 3


def test_the_directory_no_longer_carries_an_unused_map_div(client_as, centre):
    text = client_as(Role.RECEPTION).get(reverse("territory:directory", kwargs={"centre_slug": centre.slug}))
    assert 'id="directory-map"' not in text.content.decode()


def selectors_page_size():
    from citemetiers.territory.selectors import PAGE_SIZE

    return PAGE_SIZE
