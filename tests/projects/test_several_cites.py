"""A project of several Cités read and edited from each of them: objectives in their own Cité's scope,
members of every Cité kept, and the edit pages gated by the services' own predicates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.indicators.models import DailyCount
from citemetiers.projects.models import Project, Scope
from tests.factories import MembershipFactory
from tests.projects.factories import MilestoneFactory, ObjectiveFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _url(centre, name, **kwargs):
    return reverse(f"projects:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


def _shared_project(lead_centre, partner):
    project = ProjectFactory(centre=lead_centre, scope=Scope.CENTRES)
    project.partner_centres.add(partner)
    return project


def _objective(project, visits_per_day):
    today = timezone.localdate()
    start = today.replace(day=1)
    for offset in range((today - start).days + 1):
        DailyCount.objects.create(
            centre=project.centre, day=start + datetime.timedelta(days=offset), metric="visits", value=visits_per_day
        )
    return ObjectiveFactory(project=project, period_start=start, period_end=today + datetime.timedelta(days=60))


def test_a_partner_cite_reads_the_objective_measured_in_the_leading_cite(client_as, centre, other_centre):
    project = _shared_project(other_centre, centre)
    objective = _objective(project, visits_per_day=10)
    days = (timezone.localdate() - objective.period_start).days + 1
    response = client_as(Role.ADVISER).get(_url(centre, "detail", project_pk=project.pk))
    assert response.context["objectives"][0]["value"] == 10 * days


def test_a_partner_cite_does_not_read_a_small_cell_of_the_leading_cite(client_as, centre, other_centre):
    project = _shared_project(other_centre, centre)
    objective = _objective(project, visits_per_day=0)
    DailyCount.objects.create(centre=other_centre, day=objective.period_start, metric="visits", value=3)
    response = client_as(Role.ADVISER).get(_url(centre, "detail", project_pk=project.pk))
    assert response.context["objectives"][0]["value"] is None


def test_the_leading_cite_reads_its_own_small_figures(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    objective = _objective(project, visits_per_day=0)
    DailyCount.objects.create(centre=centre, day=objective.period_start, metric="visits", value=3)
    response = client_as(Role.ADVISER).get(_url(centre, "detail", project_pk=project.pk))
    assert response.context["objectives"][0]["value"] == 3


def test_the_project_page_names_the_members_of_every_cite(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    partner = MembershipFactory(centre=other_centre, user__full_name="Zoé Partenaire")
    project.members.add(partner)
    body = client_as(Role.ADVISER).get(_url(centre, "detail", project_pk=project.pk)).content.decode()
    assert "Zoé Partenaire" in body


def test_the_edit_form_offers_and_keeps_the_members_of_the_other_cites(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    partner = MembershipFactory(centre=other_centre)
    project.members.add(project.lead, partner)
    client = client_as(Role.COORDINATOR)
    form = client.get(_url(centre, "edit", project_pk=project.pk)).context["form"]
    assert str(partner.pk) in {choice for choice, _label in form.fields["members"].choices}
    response = client.post(
        _url(centre, "edit", project_pk=project.pk),
        {
            "title": project.title,
            "scope": Scope.CENTRES,
            "lead": project.lead.pk,
            "members": [project.lead.pk, partner.pk],
            "status": project.status,
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    assert set(Project.members.through.objects.filter(project=project).values_list("membership", flat=True)) == {
        project.lead.pk,
        partner.pk,
    }


def test_the_edit_form_offers_the_partner_cites_staff(client_as, centre, other_centre):
    project = _shared_project(centre, other_centre)
    colleague = MembershipFactory(centre=other_centre)
    form = client_as(Role.COORDINATOR).get(_url(centre, "edit", project_pk=project.pk)).context["form"]
    assert str(colleague.pk) in {choice for choice, _label in form.fields["lead"].choices}


@pytest.mark.parametrize(
    "name",
    ["edit", "objective_add", "milestone_add"],
)
def test_an_adviser_who_does_not_lead_the_project_may_not_open_its_edit_pages(client_as, centre, name):
    project = ProjectFactory(centre=centre)
    assert client_as(Role.ADVISER).get(_url(centre, name, project_pk=project.pk)).status_code == 403


def test_an_adviser_may_not_tick_a_milestone_of_a_project_they_do_not_lead(client_as, centre):
    milestone = MilestoneFactory(project=ProjectFactory(centre=centre))
    response = client_as(Role.ADVISER).post(
        _url(centre, "milestone_toggle", project_pk=milestone.project.pk, milestone_pk=milestone.pk)
    )
    milestone.refresh_from_db()
    assert response.status_code == 403 and milestone.done_on is None


def test_the_projects_lead_opens_its_edit_page(client, centre):
    project = ProjectFactory(centre=centre, lead__roles=[Role.ADVISER])
    client.force_login(project.lead.user)
    assert client.get(_url(centre, "edit", project_pk=project.pk)).status_code == 200
