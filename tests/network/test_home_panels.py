"""The network staff's home shows what needs them across the network, each part from its own app
(citemetiers/network/homes.py): the resources newly shared in the library, and the comparison."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import NetworkRole
from citemetiers.centres import tenancy
from citemetiers.library.vocab import Visibility
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _home(client, network_user, role):
    client.force_login(network_user(role))
    response = client.get(reverse("network:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_network_staff_see_the_resources_newly_shared_with_the_network(client, network_user, centre):
    with tenancy.centre_scope(centre):
        shared = ResourceFactory(centre=centre, title="Fiche partagée")
        ResourceFactory(centre=centre, title="Note interne", visibility=Visibility.CENTRE)
    html = _home(client, network_user, NetworkRole.LABEL_EVALUATOR)
    assert 'id="network-new-resources"' in html
    assert reverse("network_library:resource", kwargs={"resource_pk": shared.pk}) in html
    assert "Note interne" not in html  # private to its Cité


def test_the_comparison_panel_is_for_those_who_compare_the_cites(client, network_user, centre):
    html = _home(client, network_user, NetworkRole.NETWORK_COORDINATOR)
    assert 'id="network-comparison"' in html
    assert reverse("network_indicators:network_comparison") in html


def test_a_label_evaluator_does_not_get_the_comparison_panel(client, network_user, centre):
    html = _home(client, network_user, NetworkRole.LABEL_EVALUATOR)
    assert 'id="network-comparison"' not in html
