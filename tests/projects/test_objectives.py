import datetime

import pytest

from citemetiers.indicators.models import DailyCount
from citemetiers.projects import selectors
from citemetiers.projects.models import Direction
from tests.projects.factories import MilestoneFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def test_measured_objective_reads_the_indicators_over_its_period(centre):
    objective = ObjectiveFactory(
        project__centre=centre, period_start=datetime.date(2026, 3, 5), period_end=datetime.date(2026, 3, 25)
    )
    for day, value in ((4, 100), (5, 7), (20, 3), (26, 100)):
        DailyCount.objects.create(centre=centre, day=datetime.date(2026, 3, day), metric="visits", value=value)
    assert selectors.current_value(objective) == 10


def test_measured_objective_reads_only_its_filter_key(centre):
    objective = ObjectiveFactory(
        project__centre=centre,
        metric="age_band",
        metric_key="16-25",
        period_start=datetime.date(2026, 3, 5),
        period_end=datetime.date(2026, 3, 25),
    )
    DailyCount.objects.create(centre=centre, day=datetime.date(2026, 3, 6), metric="age_band", key="16-25", value=4)
    DailyCount.objects.create(centre=centre, day=datetime.date(2026, 3, 6), metric="age_band", key="26-44", value=9)
    assert selectors.current_value(objective) == 4


@pytest.mark.parametrize(
    ("baseline", "target", "direction", "value", "share"),
    [
        (0, 100, Direction.INCREASE, 50, 0.5),
        (0, 100, Direction.INCREASE, 250, 1.0),  # capped: overshooting does not make up for another
        (0, 100, Direction.INCREASE, -10, 0.0),
        (30, 10, Direction.DECREASE, 20, 0.5),
        (30, 10, Direction.DECREASE, 40, 0.0),
    ],
)
def test_share_reached_from_baseline_to_target_is_capped(baseline, target, direction, value, share):
    objective = ObjectiveFactory.build(baseline=baseline, target=target, direction=direction)
    assert selectors.share_reached(objective, value) == pytest.approx(share)


def test_progress_weighs_objectives_and_milestones_equally(centre):
    done = MilestoneFactory(project__centre=centre, done_on=datetime.date(2026, 5, 1))
    pending = MilestoneFactory(project=done.project)
    progress = selectors.progress([1.0, 0.5], [done, pending])
    assert progress.percent == round(100 * (0.5 * 0.75 + 0.5 * 0.5))


def test_progress_without_milestones_is_the_objectives_mean():
    assert selectors.progress([0.2, 0.4], []).percent == 30


def test_the_pages_grouped_series_give_each_objective_its_own_history(centre, other_centre):
    """The project page reads every objective's series at once: each gets the points of its own read,
    whole months and the days at either end, for its Cité and for a partner Cité (small cells)."""
    from unittest import mock

    from citemetiers.indicators.models import MonthlyCount, MonthlyTotal
    from tests.factories import AdviceAreaFactory

    area = AdviceAreaFactory(centre=centre)
    for month, value in ((datetime.date(2026, 2, 1), 7), (datetime.date(2026, 3, 1), 11)):
        MonthlyTotal.objects.create(centre=centre, month=month, metric="visits", key="", value=value)
        MonthlyTotal.objects.create(centre=centre, month=month, metric="age_band", key="16-25", value=2)
        MonthlyCount.objects.create(centre=centre, month=month, area=area, metric="visits", key="", value=value - 1)
    for day, value in ((datetime.date(2026, 1, 20), 3), (datetime.date(2026, 4, 2), 4)):
        DailyCount.objects.create(centre=centre, day=day, area=area, metric="visits", value=value)
        DailyCount.objects.create(centre=centre, day=day, area=area, metric="age_band", key="16-25", value=1)
    project = ObjectiveFactory(project__centre=centre).project
    objectives = [
        *project.objectives.all(),
        ObjectiveFactory(project=project, period_start=datetime.date(2026, 1, 5), period_end=datetime.date(2026, 4, 9)),
        ObjectiveFactory(project=project, area=area, period_start=datetime.date(2026, 1, 5)),
        ObjectiveFactory(
            project=project, metric="age_band", metric_key="16-25", period_start=datetime.date(2026, 2, 1)
        ),
        ObjectiveFactory(project=project, period_start=datetime.date(2026, 3, 3), period_end=datetime.date(2026, 3, 9)),
        ObjectiveFactory(project=project, period_start=datetime.date(2026, 7, 1)),  # not begun
    ]
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 5, 20)):
        for viewer in (centre, other_centre):
            expected = [selectors.objective_history(o, viewer=viewer) for o in objectives]
            readings = selectors.objective_readings(objectives, viewer=viewer)
            assert [history for _value, history in readings] == expected
            assert [value for value, _history in readings] == [h[-1][1] if h else 0 for h in expected]
    assert any(point for history in expected for _month, point in history)
