"""Who a task may be given to: the Cité's own staff, or the members of the project it belongs to."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.projects.models import Scope, Task
from tests.factories import MembershipFactory
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _shared_project(lead_centre, partner):
    project = ProjectFactory(centre=lead_centre, scope=Scope.CENTRES)
    project.partner_centres.add(partner)
    return project


def _add_url(centre, project):
    return reverse("projects:project_task_add", kwargs={"centre_slug": centre.slug, "project_pk": project.pk})


def _owner_choices(response) -> set[str]:
    return {str(value) for value, _label in response.context["form"].fields["owner"].choices}


def test_the_task_form_of_a_shared_project_offers_its_members_from_other_cites(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    partner = MembershipFactory(centre=other_centre)
    project.members.add(partner)
    client = client_as(Role.COORDINATOR)
    assert str(partner.pk) in _owner_choices(client.get(_add_url(centre, project)))


def test_the_task_form_does_not_offer_another_cites_staff_outside_the_project(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    stranger = MembershipFactory(centre=other_centre)
    client = client_as(Role.COORDINATOR)
    choices = _owner_choices(client.get(_add_url(centre, project)))
    assert str(client.membership.pk) in choices and str(stranger.pk) not in choices


def test_a_task_of_a_shared_project_is_given_to_a_member_of_another_cite(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    partner = MembershipFactory(centre=other_centre)
    project.members.add(partner)
    client = client_as(Role.COORDINATOR)
    response = client.post(_add_url(centre, project), {"title": "Relire la fiche", "owner": partner.pk})
    assert response.status_code == 302, response.context["form"].errors
    assert Task.objects.filter(project=project, owner=partner).exists()


def test_an_owner_from_elsewhere_typed_by_hand_is_refused_with_a_message(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    stranger = MembershipFactory(centre=other_centre)
    client = client_as(Role.COORDINATOR)
    response = client.post(_add_url(centre, project), {"title": "Relire la fiche", "owner": stranger.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["owner"] == ["Confiez la tâche à un membre de cette Cité ou du projet."]
    assert not Task.objects.filter(owner=stranger).exists()
