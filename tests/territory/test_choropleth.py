"""The public's origin on a map of the territory: zones' shapes imported from GeoJSON, the visitors'
residence areas counted per zone, drawn as server-side SVG with small cells suppressed, the table beside it."""

import json
import re

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.territory import diagnostic, origin
from citemetiers.territory.interchange import ImportRefused
from citemetiers.territory.models import Zone
from tests.factories import VisitFactory

pytestmark = pytest.mark.django_db

ZONES = "kind,code,name\ndepartement,69,Rhône\ndepartement,01,Ain\ndepartement,38,Isère\n"


def square(x, y):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]}


def shapes(*features):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": code}, "geometry": geometry} for code, geometry in features
    ]})  # fmt: skip


@pytest.fixture
def territory(centre, member):
    coordinator = member(Role.COORDINATOR).user
    diagnostic.zones_import(centre=centre, text=ZONES, actor=coordinator)
    origin.shapes_import(
        centre=centre, text=shapes(("69", square(4, 45)), ("01", square(5, 46)), ("38", square(5, 45))),
        actor=coordinator,
    )  # fmt: skip
    return centre


def test_the_zones_shapes_are_imported_from_geojson(territory):
    assert Zone.objects.get(centre=territory, code="69").shape == square(4, 45)


def test_a_shapes_file_with_bad_features_is_refused_whole_with_each_feature(centre, member):
    coordinator = member(Role.COORDINATOR).user
    diagnostic.zones_import(centre=centre, text=ZONES, actor=coordinator)
    text = shapes(("69", square(4, 45)), ("99", square(0, 0)), ("01", {"type": "Point", "coordinates": [1, 2]}))
    with pytest.raises(ImportRefused) as refused:
        origin.shapes_import(centre=centre, text=text, actor=coordinator)
    assert [(error.line, error.field) for error in refused.value.errors] == [(2, "code"), (3, "geometry")]
    assert not Zone.objects.filter(shape__isnull=False).exists()


def test_a_file_that_is_not_geojson_is_refused(centre, member):
    with pytest.raises(ImportRefused):
        origin.shapes_import(centre=centre, text="kind,code", actor=member(Role.COORDINATOR).user)


def test_the_visitors_residence_is_counted_per_zone_and_small_cells_are_suppressed(territory):
    for _ in range(6):
        VisitFactory(centre=territory, residence_area="FR-69")
    VisitFactory(centre=territory, residence_area="FR-01")
    found = {cell.zone.code: cell.visitors for cell in origin.origin_cells(centre=territory, residence={
        "FR-69": 6, "FR-01": 2})}  # fmt: skip
    assert found == {"69": 6, "01": None, "38": None}


def test_the_diagnostic_draws_the_origin_map_and_keeps_the_table(territory, client_as):
    for _ in range(6):
        VisitFactory(centre=territory, residence_area="FR-69")
    response = client_as(Role.ADVISER).get(reverse("territory:diagnostic", kwargs={"centre_slug": territory.slug}))
    text = response.content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert svg.count("<path") == 3 and re.search(r"<title>Rhône\W+6</title>", svg)
    table = text[text.index("<svg") :]
    assert "<table" in table and "Rhône" in table
