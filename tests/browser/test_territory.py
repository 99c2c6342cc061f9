import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_RECEPTION = role_email("reception", "paris")


def test_search_the_directory_open_a_service_and_find_it_on_the_map(page, demo, login, live_server):
    login(page, PARIS_RECEPTION)
    page.goto(f"{live_server.url}/c/paris/territory/?theme=se-former")
    axe_check(page)
    found = page.locator("ul.directory > li a").filter(has_text="Trouver sa formation")
    name = found.first.inner_text()
    found.first.click()
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator(".partner-details")).to_contain_text("rue de la Démo")
    axe_check(page)

    page.goto(f"{live_server.url}/c/paris/territory/map/")
    expect(page.locator("section ul.directory")).to_contain_text(name)
    # The vendored Leaflet drew the markers (clustered) without any tile server.
    expect(page.locator("#territory-map .leaflet-marker-icon").first).to_be_visible()
    axe_check(page)


PARIS_COORDINATOR = role_email("coordinator", "paris")
ZONES = "kind,code,name\ndepartement,75,Paris\ndepartement,93,Seine-Saint-Denis\n"
SHAPES = (
    '{"type": "FeatureCollection", "features": ['
    '{"type": "Feature", "properties": {"code": "75"}, "geometry": {"type": "Polygon", "coordinates": '
    "[[[2.25, 48.82], [2.42, 48.82], [2.42, 48.90], [2.25, 48.90], [2.25, 48.82]]]}},"
    '{"type": "Feature", "properties": {"code": "93"}, "geometry": {"type": "Polygon", "coordinates": '
    "[[[2.42, 48.86], [2.60, 48.86], [2.60, 49.00], [2.42, 49.00], [2.42, 48.86]]]}}]}"
)


def _upload(page, base, kind, name, content):
    page.goto(f"{base}/c/paris/territory/diagnostic/imports/new/")
    page.locator("select[name=kind]").select_option(kind)
    page.locator("input[name=file]").set_input_files({"name": name, "mimeType": "text/plain", "buffer": content})
    page.locator("main button[type=submit]").click()
    expect(page.locator("main [role=status]")).to_be_visible()


def test_the_diagnostic_s_files_uploaded_from_the_page_draw_the_visitors_origin(page, demo, login, live_server):
    from citemetiers.reception.models import Visit

    login(page, PARIS_COORDINATOR)
    base = live_server.url
    page.goto(f"{base}/c/paris/territory/diagnostic/imports/new/")
    axe_check(page)
    _upload(page, base, "zones", "zones.csv", ZONES.encode())
    axe_check(page)
    _upload(page, base, "shapes", "zones.geojson", SHAPES.encode())
    Visit.objects.filter(centre__slug="paris").update(residence_area="FR-75")
    page.goto(f"{base}/c/paris/territory/diagnostic/")
    expect(page.locator("figure.choropleth svg path")).to_have_count(2)
    # The table beside the map, its accessible version: no visitor lives in Seine-Saint-Denis.
    table = page.get_by_role("table", name="Visiteurs par zone de résidence")
    expect(table.locator("tr").filter(has_text="Seine-Saint-Denis")).to_contain_text("moins de 5")
    axe_check(page)


def test_the_saved_searches_page_passes_axe(page, demo, login, live_server):
    login(page, PARIS_RECEPTION)
    page.goto(f"{live_server.url}/c/paris/territory/?theme=se-former")
    page.locator("input[name=name]").fill("Formations")
    page.get_by_role("button", name="Enregistrer cette recherche").click()
    expect(page.locator("ul.directory")).to_contain_text("Formations")
    axe_check(page)


def test_a_service_recommended_to_a_visitor_shows_its_address_and_hours_on_their_page(page, demo, live_server):
    from citemetiers.reception.models import Interview, Orientation
    from citemetiers.territory.models import Service

    interview = Interview.objects.filter(centre__slug="paris").select_related("ticket").first()
    service = Service.objects.filter(centre__slug="paris").exclude(address="").first()
    interview.orientations = [Orientation.PARTNER]
    interview.save(update_fields=["orientations"])
    interview.services.set([service])
    page.goto(f"{live_server.url}/t/{interview.ticket.secret}/")
    details = page.locator(".partner-details").filter(has_text=service.address)
    expect(details).to_be_visible()
    expect(details).to_contain_text(service.hours)
    axe_check(page)
