"""Who may change a resource of the library, asked of the predicate and of the services themselves."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import NotPermitted
from citemetiers.library import services
from citemetiers.library.perms import can_edit_resource
from tests.factories import CentreFactory, MembershipFactory, ResourceFactory
from tests.library.files import pdf_file


@pytest.fixture
def resource(db):
    return ResourceFactory(title="Guide de l'entretien")


def _changes(resource, actor):
    """Every service that changes a resource itself, as one call each."""
    return {
        "resource_update": lambda: services.resource_update(
            resource=resource, data={"licence": "cc-by-sa-4.0"}, change_note="", actor=actor
        ),
        "translation_save": lambda: services.translation_save(
            resource=resource, data={"language": "en", "title": "Interview guide"}, change_note="", actor=actor
        ),
        "resource_link_add": lambda: services.resource_link_add(
            resource=resource, url="https://example.org/fiche", label="Fiche", actor=actor
        ),
        "resource_file_add": lambda: services.resource_file_add(
            resource=resource,
            upload=SimpleUploadedFile("guide.pdf", pdf_file("Préparer un entretien").getvalue()),
            language="fr",
            actor=actor,
        ),
    }


def test_a_contributor_of_the_authoring_cite_may_edit_its_resource(resource):
    assert can_edit_resource(MembershipFactory(centre=resource.centre, roles=[Role.ADVISER]), resource)


def test_another_cite_and_a_reception_agent_may_not_edit_a_resource(resource):
    elsewhere = MembershipFactory(centre=CentreFactory(), roles=[Role.COORDINATOR])
    agent = MembershipFactory(centre=resource.centre, roles=[Role.RECEPTION])
    assert not can_edit_resource(elsewhere, resource)
    assert not can_edit_resource(agent, resource)
    assert not can_edit_resource(None, resource)


@pytest.mark.parametrize("change", ["resource_update", "translation_save", "resource_link_add", "resource_file_add"])
def test_a_service_refuses_a_member_of_another_cite_and_changes_nothing(resource, change):
    actor = MembershipFactory(centre=CentreFactory(), roles=[Role.COORDINATOR]).user
    with pytest.raises(NotPermitted):
        _changes(resource, actor)[change]()
    resource.refresh_from_db()
    assert (resource.version, resource.links.count(), resource.files.count()) == (1, 0, 0)


@pytest.mark.parametrize("change", ["resource_update", "translation_save", "resource_link_add", "resource_file_add"])
def test_a_service_lets_a_contributor_of_the_authoring_cite_change_its_resource(resource, change):
    actor = MembershipFactory(centre=resource.centre, roles=[Role.ADVISER]).user
    _changes(resource, actor)[change]()
    resource.refresh_from_db()
    assert resource.version == 2
