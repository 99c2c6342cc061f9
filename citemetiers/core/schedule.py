"""Scheduled work, declared once in code: what runs, and how often.

Each app declares its periodic tasks where it defines them (`<app>/tasks.py`) with `@periodic`;
`manage.py run_scheduled` (started every few minutes by `deploy/citemetiers-scheduled.timer`)
enqueues those that are due on the task backend, and the worker runs them like any other task.
A run is recorded per task and period (a day, or a slice of N minutes), so running the command
twice, or from two machines, enqueues a period's run once; a machine that was off catches up
with the current period only (the nightly closing of yesterday is not made three times over).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone

from citemetiers.core.models import ScheduledRun

if TYPE_CHECKING:
    from django_tasks.base import Task

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Task[..., Any]
    every: timedelta | None = None  # every N minutes or hours, from midnight...
    daily_at: time | None = None  # ...or once a day at this time (the server's time zone)

    def period(self, now: datetime) -> str | None:
        """The period `now` falls in, or None before today's run is due."""
        local = timezone.localtime(now)
        if self.daily_at is not None:
            if local.time() < self.daily_at:
                return None
            return local.date().isoformat()
        if self.every is None:  # `periodic` never makes one, but a Periodic can be built by hand
            raise ValueError("A periodic task runs either every so often or daily at a time.")
        seconds = int(self.every.total_seconds())
        since_midnight = local.hour * 3600 + local.minute * 60 + local.second
        return f"{local.date().isoformat()}T{since_midnight // seconds * seconds:05d}"


REGISTRY: dict[str, Periodic] = {}


def periodic(*, every: timedelta | None = None, daily_at: time | None = None) -> Callable[[Task[P, T]], Task[P, T]]:
    """Declare a task (decorate the result of `@task()`) as run on this schedule."""
    if (every is None) == (daily_at is None):
        raise ValueError("A periodic task runs either every so often or daily at a time.")
    if every is not None and (every < timedelta(minutes=1) or timedelta(days=1) % every):
        raise ValueError("A periodic task's interval divides the day into whole minutes.")

    def register(task: Task[P, T]) -> Task[P, T]:
        name = task.module_path
        REGISTRY[name] = Periodic(name=name, task=task, every=every, daily_at=daily_at)
        return task

    return register


def scheduled_enqueue(*, now: datetime | None = None) -> list[str]:
    """Enqueue every periodic task due in its current period and not enqueued for it yet."""
    now = now or timezone.now()
    enqueued = []
    for entry in sorted(REGISTRY.values(), key=lambda e: e.name):
        period = entry.period(now)
        if period is None:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=entry.name, period=period)
                entry.task.enqueue()
        except IntegrityError:
            continue  # already enqueued for this period
        enqueued.append(entry.name)
    return enqueued
