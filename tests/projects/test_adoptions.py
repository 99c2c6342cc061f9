"""Objectives measured by the library: how many of a Cité's (or a project's) resources other Cités
adopted over the objective's period, read live from the adoptions they recorded."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.projects import selectors
from citemetiers.projects.forms import ObjectiveForm
from citemetiers.projects.models import Scope
from tests.factories import CentreFactory, ResourceFactory
from tests.projects.factories import AdoptionFactory, ObjectiveFactory, ProjectFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 3, 1), datetime.date(2026, 5, 31)
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    # After the periods: every month of each is read.
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield


def _objective(project, metric="adopted_resources", **kwargs):
    return ObjectiveFactory(project=project, metric=metric, target=4, period_start=START, period_end=END, **kwargs)


def _adopt(resource, on, by=None):
    return AdoptionFactory(resource=resource, centre=by or CentreFactory(), adopted_on=on)


def test_an_adoption_objective_counts_the_cites_resources_other_cites_adopted_in_its_period(centre, other_centre):
    ours = ResourceFactory.create_batch(4, centre=centre)
    _adopt(ours[0], datetime.date(2026, 3, 10), by=other_centre)
    # Adopted by two Cités: one resource adopted.
    _adopt(ours[1], datetime.date(2026, 4, 2), by=other_centre)
    _adopt(ours[1], datetime.date(2026, 4, 20))
    _adopt(ours[2], datetime.date(2026, 2, 27), by=other_centre)  # before the period
    _adopt(ours[3], datetime.date(2026, 6, 2), by=other_centre)  # after it
    _adopt(ResourceFactory(centre=other_centre), datetime.date(2026, 3, 10))  # another Cité's resource
    objective = _objective(ProjectFactory(centre=centre))
    assert selectors.current_value(objective) == 2


def test_a_resource_first_adopted_before_the_period_counts_when_adopted_again_within_it(centre, other_centre):
    resource = ResourceFactory(centre=centre)
    _adopt(resource, datetime.date(2026, 1, 5))
    _adopt(resource, datetime.date(2026, 5, 5), by=other_centre)
    assert selectors.current_value(_objective(ProjectFactory(centre=centre))) == 1


def test_a_documents_objective_counts_only_the_documents_the_project_produced(centre, other_centre):
    project = ProjectFactory(centre=centre)
    produced, used, elsewhere = ResourceFactory.create_batch(3, centre=centre)
    project.produced_resources.add(produced)
    project.resources.add(used)
    for resource in (produced, used, elsewhere):
        _adopt(resource, datetime.date(2026, 4, 1), by=other_centre)
    objective = _objective(project, metric="adopted_documents")
    assert selectors.current_value(objective) == 1


def test_the_chart_counts_the_adopted_resources_month_by_month(centre, other_centre):
    ours = ResourceFactory.create_batch(3, centre=centre)
    _adopt(ours[0], datetime.date(2026, 3, 10), by=other_centre)
    _adopt(ours[1], datetime.date(2026, 5, 1), by=other_centre)
    _adopt(ours[2], datetime.date(2026, 5, 31), by=other_centre)
    objective = _objective(ProjectFactory(centre=centre))
    assert selectors.objective_history(objective) == [
        (datetime.date(2026, 3, 1), 1),
        (datetime.date(2026, 4, 1), 1),
        (datetime.date(2026, 5, 1), 3),
    ]


def test_the_project_page_shows_the_adoptions_and_the_progress_they_make(client_as, centre, other_centre):
    project = ProjectFactory(centre=centre)
    for resource in ResourceFactory.create_batch(2, centre=centre):
        _adopt(resource, datetime.date(2026, 4, 1), by=other_centre)
    _objective(project)
    response = client_as(Role.ADVISER).get(
        reverse("projects:detail", kwargs={"centre_slug": centre.slug, "project_pk": project.pk})
    )
    item = response.context["objectives"][0]
    assert (item["value"], item["percent"], response.context["progress"].percent) == (2, 50, 50)


def test_a_partner_cite_reads_the_adoptions_even_when_few(client_as, centre, other_centre):
    """Adoptions are no visitor's figures: the library shows them to every Cité, so the small-cell rule
    of the indicators (a value on fewer than 5 visits hidden from another Cité) does not apply."""
    project = ProjectFactory(centre=other_centre, scope=Scope.CENTRES)
    project.partner_centres.add(centre)
    _adopt(ResourceFactory(centre=other_centre), datetime.date(2026, 4, 1), by=centre)
    _objective(project)
    response = client_as(Role.ADVISER).get(
        reverse("projects:detail", kwargs={"centre_slug": centre.slug, "project_pk": project.pk})
    )
    item = response.context["objectives"][0]
    assert (item["value"], [point for _month, point in item["history"]]) == (1, [0, 1, 1])


def test_the_list_reads_the_adoption_objectives_of_every_project_in_the_queries_of_one(client_as, centre, other_centre):
    client = client_as(Role.ADVISER)
    url = reverse("projects:list", kwargs={"centre_slug": centre.slug})

    def add_project():
        project = ProjectFactory(centre=centre)
        resource = ResourceFactory(centre=centre)
        project.produced_resources.add(resource)
        _adopt(resource, datetime.date(2026, 4, 1), by=other_centre)
        _objective(project)
        _objective(project, metric="adopted_documents")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_project()
    client.get(url)  # the session's own first write, out of the count
    with_one = queries()
    for _ in range(4):
        add_project()
    assert queries() == with_one


def test_the_grouped_read_of_the_list_gives_each_adoption_objective_its_own_value(centre, other_centre):
    project = ProjectFactory(centre=centre)
    ours = ResourceFactory.create_batch(3, centre=centre)
    project.produced_resources.add(ours[0])
    for day, resource in zip(
        (datetime.date(2026, 3, 2), datetime.date(2026, 4, 9), datetime.date(2026, 7, 1)), ours, strict=True
    ):
        _adopt(resource, day, by=other_centre)
    theirs = ProjectFactory(centre=other_centre)
    objectives = [
        _objective(project),
        _objective(project, metric="adopted_documents"),
        ObjectiveFactory(project=project, metric="adopted_resources", period_start=START, period_end=TODAY),
        ObjectiveFactory(project=project, period_start=START, period_end=END),  # visits
        _objective(theirs),
    ]
    for viewer in (centre, other_centre):
        expected = [selectors.current_value(o, viewer=viewer) for o in objectives]
        assert selectors.current_values(objectives, viewer=viewer) == expected
    assert expected[:3] == [2, 1, 2]


def test_the_objective_form_offers_the_adoption_indicators():
    choices = dict(ObjectiveForm().fields["metric"].choices)
    assert {"adopted_resources", "adopted_documents"} <= set(choices)
