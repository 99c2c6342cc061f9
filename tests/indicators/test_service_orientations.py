"""Orientations per service of the territory: counted in the Cité, small cells suppressed when exported."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.indicators.orientations import service_orientations
from citemetiers.reception.models import Outcome
from tests.factories import InterviewFactory, VisitFactory
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_visits_and_interviews_oriented_to_each_service_are_counted(centre, other_centre):
    busy = ServiceFactory(structure__centre=centre, name="Très demandé")
    quiet = ServiceFactory(structure__centre=centre, name="Calme")
    for _ in range(3):
        VisitFactory(centre=centre, outcome=Outcome.PARTNER, outcome_service=busy)
    InterviewFactory(ticket__centre=centre).services.add(busy, quiet)
    InterviewFactory(ticket__centre=other_centre).services.add(ServiceFactory(structure__centre=other_centre))
    rows = service_orientations(centre=centre, days=365)
    assert [(row.name, row.visits, row.interviews) for row in rows] == [("Très demandé", 3, 1), ("Calme", 0, 1)]


def test_the_export_suppresses_the_small_cells(client_as, centre):
    busy = ServiceFactory(structure__centre=centre, name="Très demandé")
    rare = ServiceFactory(structure__centre=centre, name="Rare")
    for _ in range(6):
        VisitFactory(centre=centre, outcome=Outcome.PARTNER, outcome_service=busy)
    VisitFactory(centre=centre, outcome=Outcome.PARTNER, outcome_service=rare)
    response = client_as(Role.COORDINATOR).get(
        reverse("indicators:service_orientations_csv", kwargs={"centre_slug": centre.slug})
    )
    lines = response.content.decode().splitlines()
    assert any(line.startswith("Très demandé") and ",6," in line for line in lines)
    assert any(line.startswith("Rare") and ",6," not in line and ",1," not in line for line in lines)


def test_the_page_shows_the_cites_own_counts(client_as, centre):
    busy = ServiceFactory(structure__centre=centre, name="Très demandé")
    VisitFactory(centre=centre, outcome=Outcome.PARTNER, outcome_service=busy)
    response = client_as(Role.ADVISER).get(
        reverse("indicators:service_orientations", kwargs={"centre_slug": centre.slug})
    )
    assert [(row.name, row.visits) for row in response.context["rows"]] == [("Très demandé", 1)]
