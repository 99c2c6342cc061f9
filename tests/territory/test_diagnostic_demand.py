"""The Cité's own demand beside the territory's figures: the occupations and themes asked for in interviews
next to the recruitment needs, and the zones in need that no service of the directory serves."""

import datetime as dt

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.indicators.services import rebuild
from citemetiers.referentials.models import Occupation, OccupationLabel, Scheme
from citemetiers.territory import diagnostic
from citemetiers.territory.demand import demand_of
from tests.factories import InterviewFactory, ThemeFactory
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

ZONES = "kind,code,name\ndepartement,69,Rhône\ndepartement,01,Ain\ncommune,69123,Lyon\n"
FIGURES = (
    "zone,indicator,occupation_family,period,value\n"
    "69,recruitment_projects,G16 Personnel de cuisine,2026,900\n"
    "01,recruitment_projects,G16 Personnel de cuisine,2026,100\n"
    "69,offers,J13 Aide-soignant,2026,400\n"
)


def occupation(code, label):
    made = Occupation.objects.create(scheme=Scheme.ROME, code=code)
    OccupationLabel.objects.create(occupation=made, language="fr", label=label, is_preferred=True, search_text=label)
    return made


@pytest.fixture
def territory(centre, member):
    coordinator = member(Role.COORDINATOR).user
    diagnostic.zones_import(centre=centre, text=ZONES, actor=coordinator)
    diagnostic.figures_import(
        centre=centre, text=FIGURES, source="BMO 2026", source_date=dt.date(2026, 4, 15), actor=coordinator
    )
    cook, carer = occupation("G1602", "Cuisinier"), occupation("J1501", "Aide-soignant")
    cv = ThemeFactory(centre=centre, name="CV")
    for _ in range(6):
        interview = InterviewFactory(ticket__centre=centre)
        interview.occupations.set([cook])
        interview.themes.set([cv])
    InterviewFactory(ticket__centre=centre).occupations.set([carer])
    rebuild(centre=centre)
    return centre


def test_the_demand_reads_the_interviews_occupations_and_themes_from_the_indicators(territory):
    today = dt.date.today()
    demand = demand_of(centre=territory, start=today - dt.timedelta(days=365), end=today)
    assert [(code, n) for code, _label, n in demand.occupations] == [("G1602", 6), ("J1501", 1)]
    assert demand.themes == [("CV", 6)]


def test_each_occupation_family_shows_its_recruitment_needs_beside_the_interviews_asking_for_it(territory):
    today = dt.date.today()
    rows = diagnostic.family_rows(
        centre=territory, demand=demand_of(centre=territory, start=today - dt.timedelta(days=365), end=today)
    )
    by_family = {row.family: (row.recruitment_projects, row.offers, row.interviews) for row in rows}
    assert by_family == {"G16 Personnel de cuisine": (1000, None, 6), "J13 Aide-soignant": (None, 400, 0)}


def test_a_zone_in_need_that_no_service_serves_is_listed_and_a_served_one_is_not(territory):
    ServiceFactory(structure__centre=territory, commune_code="69123", postcode="69001")
    uncovered = diagnostic.zones_uncovered(centre=territory)
    assert [zone.code for zone in uncovered] == ["01"]


def test_a_service_serving_a_zone_by_its_codes_covers_it(territory):
    ServiceFactory(structure__centre=territory, commune_code="", postcode="", zone=["01"])
    ServiceFactory(structure__centre=territory, commune_code="", postcode="69003")
    assert diagnostic.zones_uncovered(centre=territory) == []


def test_another_cites_services_cover_nothing_here(territory, other_centre):
    ServiceFactory(structure__centre=other_centre, zone=["01", "69"], postcode="69001")
    assert sorted(zone.code for zone in diagnostic.zones_uncovered(centre=territory)) == ["01", "69"]


def test_the_diagnostic_page_shows_the_demand_beside_the_needs_in_few_queries(
    territory, client_as, django_assert_max_num_queries
):
    client = client_as(Role.RECEPTION)
    url = reverse("territory:diagnostic", kwargs={"centre_slug": territory.slug})
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    text = response.content.decode()
    assert "Personnel de cuisine" in text and "Cuisinier" in text and "CV" in text
    assert [zone.code for zone in response.context["uncovered"]] == ["01", "69"]
