"""One home-panel registry (citemetiers/core/homes.py) serves a Cité's home and the network's."""

from citemetiers.core import homes
from citemetiers.network import homes as network_homes


def test_cite_and_network_homes_are_two_instances_of_one_registry():
    assert isinstance(homes.cite_home, homes.PanelRegistry)
    assert isinstance(network_homes.network_home, homes.PanelRegistry)
    assert homes.cite_home is not network_homes.network_home


def test_a_registry_asks_its_predicate_about_what_its_subject_reads_from_the_request():
    """The Cité's panels are asked about the membership, the network's about the user."""
    registry = homes.PanelRegistry(subject=lambda request: request.user)
    seen = []
    registry.panel(
        "probe",
        order=1,
        template="x.html",
        applies=lambda subject: seen.append(subject) or True,
        context=lambda request: {"n": 1},
    )

    class Request:
        user = "the user"
        membership = "the membership"

    assert registry.panels_for(Request()) == [{"key": "probe", "template": "x.html", "n": 1}]
    assert seen == ["the user"]
