"""The library documents a project uses and those it produces: chosen among what the Cité may read."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.library.models import Visibility
from tests.factories import ResourceFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _url(centre, name, project):
    return reverse(f"projects:{name}", kwargs={"centre_slug": centre.slug, "project_pk": project.pk})


def _post(client, centre, project, **documents):
    data = {"title": project.title, "scope": project.scope, "lead": project.lead.pk, "status": project.status}
    return client.post(_url(centre, "edit", project), {**data, **documents})


def test_the_edit_form_records_the_documents_used_and_those_produced(client_as, centre):
    project = ProjectFactory(centre=centre)
    used, produced = ResourceFactory(centre=centre), ResourceFactory(centre=centre)
    client = client_as(Role.COORDINATOR)
    response = _post(client, centre, project, resources=[used.pk], produced_resources=[produced.pk])
    assert response.status_code == 302, response.context["form"].errors
    assert (list(project.resources.all()), list(project.produced_resources.all())) == ([used], [produced])


def test_the_edit_form_offers_only_the_documents_the_cite_may_read(client_as, centre, other_centre):
    project = ProjectFactory(centre=centre)
    shared = ResourceFactory(centre=other_centre)
    private = ResourceFactory(centre=other_centre, visibility=Visibility.CENTRE)
    form = client_as(Role.COORDINATOR).get(_url(centre, "edit", project)).context["form"]
    offered = {str(value) for value, _label in form.fields["produced_resources"].choices}
    assert str(shared.pk) in offered and str(private.pk) not in offered


def test_another_cites_private_document_typed_by_hand_is_refused(client_as, centre, other_centre):
    project = ProjectFactory(centre=centre)
    private = ResourceFactory(centre=other_centre, visibility=Visibility.CENTRE)
    response = _post(client_as(Role.COORDINATOR), centre, project, resources=[private.pk])
    assert response.status_code == 200 and not project.resources.exists()


def test_the_project_page_shows_the_documents_used_and_produced_apart(client_as, centre):
    project = ProjectFactory(centre=centre)
    project.resources.add(ResourceFactory(centre=centre, title="Guide d'accueil"))
    project.produced_resources.add(ResourceFactory(centre=centre, title="Fiche pratique produite"))
    response = client_as(Role.ADVISER).get(_url(centre, "detail", project))
    body = response.content.decode()
    assert body.index("Documents produits") < body.index("Fiche pratique produite")
    assert body.index("Documents utilisés") < body.index("Guide d&#x27;accueil") < body.index("Documents produits")
