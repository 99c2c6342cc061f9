"""The project list: each project's progress from its objectives, read in grouped queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.indicators.models import DailyCount
from citemetiers.projects.models import ObjectiveKind, ObjectiveValue
from tests.projects.factories import MilestoneFactory, ObjectiveFactory, ProjectFactory

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 5), datetime.date(2026, 3, 25)


def _list_url(centre):
    return reverse("projects:list", kwargs={"centre_slug": centre.slug})


def _projects(centre, count):
    for _ in range(count):
        project = ProjectFactory(centre=centre)
        ObjectiveFactory(project=project, period_start=START, period_end=END)
        ObjectiveFactory(project=project, metric="age_band", metric_key="16-25", period_start=START, period_end=END)
        manual = ObjectiveFactory(project=project, kind=ObjectiveKind.MANUAL, metric="", target=10)
        ObjectiveValue.objects.create(centre=centre, objective=manual, recorded_on=START, value=5)
        MilestoneFactory(project=project)


def _list_queries(client, centre) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_list_url(centre)).status_code == 200
    return len(queries)


def test_the_project_list_reads_the_objectives_of_ten_projects_in_the_queries_of_one(client_as, centre):
    client = client_as(Role.ADVISER)
    _projects(centre, 1)
    client.get(_list_url(centre))  # the session's own first write, out of the count
    with_one = _list_queries(client, centre)
    _projects(centre, 9)
    assert _list_queries(client, centre) == with_one


def test_the_project_list_shows_the_progress_read_from_the_indicators(client_as, centre):
    project = ProjectFactory(centre=centre)
    # 30 visits in the period, 10 outside it: half of the target of 60 is reached.
    DailyCount.objects.create(centre=centre, day=datetime.date(2026, 1, 10), metric="visits", value=30)
    DailyCount.objects.create(centre=centre, day=datetime.date(2026, 1, 2), metric="visits", value=10)
    ObjectiveFactory(project=project, target=60, period_start=START, period_end=END)
    rows = client_as(Role.ADVISER).get(_list_url(centre)).context["rows"]
    assert [(p.pk, progress.percent) for p, progress in rows] == [(project.pk, 50)]


def test_the_grouped_read_gives_each_objective_the_value_of_its_own_read(centre, other_centre):
    from citemetiers.indicators.models import MonthlyCount, MonthlyTotal
    from citemetiers.projects import selectors
    from tests.factories import AdviceAreaFactory

    area = AdviceAreaFactory(centre=centre)
    for month, value in ((datetime.date(2026, 2, 1), 7), (datetime.date(2026, 3, 1), 11)):
        MonthlyTotal.objects.create(centre=centre, month=month, metric="visits", key="", value=value)
        MonthlyCount.objects.create(centre=centre, month=month, area=area, metric="visits", key="", value=value - 1)
    for day, value in ((datetime.date(2026, 1, 20), 3), (datetime.date(2026, 4, 2), 4)):
        DailyCount.objects.create(centre=centre, day=day, area=area, metric="visits", value=value)
    project = ProjectFactory(centre=centre)
    objectives = [
        ObjectiveFactory(project=project, period_start=datetime.date(2026, 1, 5), period_end=datetime.date(2026, 4, 9)),
        ObjectiveFactory(project=project, area=area, period_start=START, period_end=datetime.date(2026, 4, 9)),
        ObjectiveFactory(
            project=project, period_start=datetime.date(2026, 2, 1), period_end=datetime.date(2026, 2, 28)
        ),
        ObjectiveFactory(project=project, period_start=datetime.date(2026, 3, 3), period_end=datetime.date(2026, 3, 9)),
    ]
    for viewer in (centre, other_centre):
        expected = [selectors.current_value(o, viewer=viewer) for o in objectives]
        assert selectors.current_values(objectives, viewer=viewer) == expected
