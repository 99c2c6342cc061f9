import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from citemetiers.core import schedule
from citemetiers.core.models import ScheduledRun

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def calls(monkeypatch):
    """A schedule of two fake periodic tasks that count their runs, instead of the real one."""
    ran: list[str] = []

    class FakeTask:
        def __init__(self, name):
            self.module_path = name

        def enqueue(self):
            ran.append(self.module_path)

    monkeypatch.setattr(schedule, "REGISTRY", {})
    schedule.periodic(daily_at=time(2, 30))(FakeTask("nightly"))
    schedule.periodic(every=timedelta(minutes=5))(FakeTask("often"))
    return ran


def test_a_periodic_task_is_enqueued_once_per_period(calls, settings):
    settings.TIME_ZONE = "Europe/Paris"
    night = datetime(2026, 3, 4, 2, 31, tzinfo=PARIS)
    schedule.scheduled_enqueue(now=night)
    schedule.scheduled_enqueue(now=night + timedelta(minutes=1))
    assert sorted(calls) == ["nightly", "often"]
    schedule.scheduled_enqueue(now=night + timedelta(minutes=5))
    assert sorted(calls) == ["nightly", "often", "often"]
    assert ScheduledRun.objects.count() == 3


def test_a_daily_task_waits_for_its_time_then_runs_once_that_day(calls, settings):
    settings.TIME_ZONE = "Europe/Paris"
    schedule.scheduled_enqueue(now=datetime(2026, 3, 4, 1, 0, tzinfo=PARIS))
    assert "nightly" not in calls
    schedule.scheduled_enqueue(now=datetime(2026, 3, 4, 23, 0, tzinfo=PARIS))
    schedule.scheduled_enqueue(now=datetime(2026, 3, 5, 1, 0, tzinfo=PARIS))
    assert calls.count("nightly") == 1


def test_an_interval_that_does_not_divide_the_day_is_refused():
    with pytest.raises(ValueError):
        schedule.periodic(every=timedelta(minutes=7))


def test_a_periodic_built_by_hand_without_a_schedule_is_refused_when_asked_its_period():
    entry = schedule.Periodic(name="nowhen", task=None)
    with pytest.raises(ValueError):
        entry.period(datetime(2026, 3, 4, 2, 31, tzinfo=PARIS))


def test_the_upkeep_once_run_by_the_nightly_timer_is_declared_in_the_schedule():
    names = set(schedule.REGISTRY)
    assert {
        "citemetiers.reception.tasks.reception_days_close",
        "citemetiers.reception.tasks.interview_notes_erase",
        "citemetiers.indicators.tasks.indicators_refresh",
        "citemetiers.indicators.tasks.reports_requeue_stale",
        "citemetiers.rosters.tasks.proposals_requeue_stale",
        "citemetiers.core.tasks.task_results_prune",
    } <= names


def test_the_nightly_closing_runs_from_the_schedule(centre):
    """Enqueued when due, run at once by the test backend: the queue of two days ago is closed."""
    from django.utils import timezone

    from citemetiers.reception.models import TicketStatus
    from tests.factories import TicketFactory

    ticket = TicketFactory(centre=centre, service_date=timezone.localdate() - timedelta(days=2))
    after_the_night = timezone.localtime().replace(hour=3, minute=0)
    assert "citemetiers.reception.tasks.reception_days_close" in schedule.scheduled_enqueue(now=after_the_night)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.LEFT


def test_run_scheduled_lists_the_schedule():
    out = io.StringIO()
    call_command("run_scheduled", "--list", stdout=out)
    assert "citemetiers.reception.tasks.reception_days_close: daily at 02:30" in out.getvalue()


def test_the_task_frameworks_own_rows_are_pruned_a_month_after_they_finish():
    """The pages read the jobs' own rows; the queue's rows of finished tasks would only pile up."""
    from django.utils import timezone
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from citemetiers.core import tasks

    def finished(days_ago):
        return DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="citemetiers.rosters.tasks.proposals_requeue_stale",
            backend_name="database",
            status=TaskResultStatus.SUCCESSFUL,
            finished_at=timezone.now() - timedelta(days=days_ago),
        )

    old, recent = finished(40), finished(2)
    tasks.task_results_prune.call()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
