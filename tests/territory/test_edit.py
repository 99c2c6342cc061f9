"""Editing the directory: structures and services, guarded texts, OSM hours, who may edit."""

import datetime as dt

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import NotPermitted
from citemetiers.core.models import AuditEntry
from citemetiers.territory import services
from citemetiers.territory.models import Service, Structure
from tests.territory.factories import ServiceFactory, StructureFactory

pytestmark = pytest.mark.django_db

CV = "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"


def url(name, centre, **kwargs):
    return reverse(f"territory:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


def service_data(structure, **overrides):
    return {
        "structure": structure.pk, "name": "Atelier CV du mardi", "description": "Un atelier en petit groupe.",
        "type": "atelier", "themes": [CV], "publics": ["tous-publics"], "address": "3 place Bellecour",
        "postcode": "69002", "commune": "Lyon", "latitude": "45.757", "longitude": "4.832",
        "opening_hours": "Tu 14:00-17:00", "how_to_access": "Sans rendez-vous.", "update_frequency_days": "90",
        **overrides,
    }  # fmt: skip


def test_a_coordinator_edits_a_service_and_its_check_date_becomes_today(client_as, centre):
    service = ServiceFactory(structure__centre=centre, updated_on=dt.date(2020, 1, 1))
    response = client_as(Role.COORDINATOR).post(
        url("service_edit", centre, service_pk=service.pk), service_data(service.structure)
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name, service.opening_hours, service.updated_on) == (
        "Atelier CV du mardi", "Tu 14:00-17:00", dt.date.today(),
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="territory.service_updated").count() == 1


def test_hours_outside_the_osm_grammar_show_the_form_again_with_its_message(client_as, centre):
    service = ServiceFactory(structure__centre=centre, opening_hours="Mo 09:00-12:00")
    response = client_as(Role.PARTNERSHIPS).post(
        url("service_edit", centre, service_pk=service.pk), service_data(service.structure, opening_hours="lundi 9h")
    )
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["opening_hours"]] == ["opening_hours"]
    service.refresh_from_db()
    assert service.opening_hours == "Mo 09:00-12:00"


def test_a_description_naming_a_person_is_refused_and_nothing_written(client_as, centre):
    service = ServiceFactory(structure__centre=centre, description="Avant")
    leaky = "Appeler Mme Dupont au 06 12 34 56 78 ou jeanne.dupont@example.org"
    response = client_as(Role.COORDINATOR).post(
        url("service_edit", centre, service_pk=service.pk), service_data(service.structure, description=leaky)
    )
    assert response.status_code == 200
    service.refresh_from_db()
    assert service.description == "Avant"


def test_a_new_structure_then_a_new_service_of_it(client_as, centre):
    client = client_as(Role.PARTNERSHIPS)
    response = client.post(
        url("structure_new", centre),
        {"name": "Mission locale de Lyon", "address": "1 rue X", "postcode": "69001", "commune": "Lyon",
         "opening_hours": "Mo-Fr 09:00-17:00", "phone": "04 00 00 00 00"},
    )  # fmt: skip
    assert response.status_code == 302
    structure = Structure.objects.get(centre=centre, name="Mission locale de Lyon")
    response = client.post(url("service_new", centre), service_data(structure))
    assert response.status_code == 302
    assert Service.objects.get(centre=centre, name="Atelier CV du mardi").structure == structure


def test_a_service_cannot_be_filed_under_another_centres_structure(client_as, centre, other_centre):
    foreign = StructureFactory(centre=other_centre)
    response = client_as(Role.COORDINATOR).post(url("service_new", centre), service_data(foreign))
    assert response.status_code == 200
    assert not Service.objects.filter(name="Atelier CV du mardi").exists()


def test_reception_may_not_open_the_edit_page(client_as, centre):
    service = ServiceFactory(structure__centre=centre)
    assert client_as(Role.RECEPTION).get(url("service_edit", centre, service_pk=service.pk)).status_code == 403


def test_another_centres_structure_answers_404(client_as, centre, other_centre):
    foreign = StructureFactory(centre=other_centre)
    response = client_as(Role.COORDINATOR).get(url("structure_edit", centre, structure_pk=foreign.pk))
    assert response.status_code == 404


def test_the_service_refuses_an_actor_who_may_not_edit(member, centre):
    service = ServiceFactory(structure__centre=centre)
    with pytest.raises(NotPermitted):
        services.service_update(service=service, data={"name": "X"}, actor=member(Role.RECEPTION).user)
