import pytest
from django.urls import reverse

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Centre, Membership
from citemetiers.core.models import AuditEntry
from tests.factories import CentreFactory

FORM = {
    "name": "Cité des métiers du Valais",
    "slug": "valais",
    "country": "CH",
    "city": "Sion",
    "main_language": "fr",
    "languages": ["de"],
    "time_zone": "Europe/Zurich",
    "host_organisation_name": "Canton du Valais",
    "coordinator_email": "coordination@valais.example.org",
    "coordinator_name": "Alex Martin",
}


@pytest.fixture
def network_client(client, network_user):
    user = network_user(NetworkRole.NETWORK_COORDINATOR)
    client.force_login(user)
    client.user = user
    return client


def test_a_network_coordinator_opens_a_cite_with_its_first_coordinator(
    network_client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = network_client.post(reverse("network:centre_add"), FORM)
    assert response.status_code == 302
    centre = Centre.objects.get(slug="valais")
    assert centre.languages == ["fr", "de"]
    assert centre.advice_areas.count() == 6
    coordinator = Membership.objects.for_centre(centre).get()
    assert coordinator.roles == [Role.COORDINATOR]
    assert coordinator.organisation.name == "Canton du Valais"
    assert [message.to for message in mailoutbox] == [["coordination@valais.example.org"]]
    assert AuditEntry.objects.filter(centre=centre, action="centre.create", actor=network_client.user).exists()


def test_a_taken_short_name_is_refused_and_nothing_is_created(network_client):
    CentreFactory(slug="valais")
    response = network_client.post(reverse("network:centre_add"), FORM)
    assert response.status_code == 200
    assert "Ce nom court est déjà utilisé par une autre Cité." in response.content.decode()
    assert Centre.objects.count() == 1
    assert not Membership.objects.exists()


def test_the_network_list_shows_each_cite_with_its_counts(network_client):
    centre = CentreFactory(with_areas=True)
    response = network_client.get(reverse("network:home"))
    listed = {row.pk: row for row in response.context["centres"]}
    assert listed[centre.pk].area_count == 6
    assert listed[centre.pk].team_size == 0
