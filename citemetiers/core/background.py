"""Background work: the record a page shows of a job (its status, progress and error), written once.

The work itself runs as a task of Django's tasks interface (the `django-tasks` backport until
Django 6; the backend is the `TASKS` setting: the database queue of `django-tasks-db` in production
and the demo, run by `manage.py db_worker`, the immediate backend in tests). The task framework
knows whether a task ran; the pages need more — a percentage while it runs, a message a person can
read when it fails, and the record kept after the framework's own rows are pruned — so every job
has a row of its own domain (an activity report, a roster proposal) with these fields:

    status (queued | running | done | failed), progress (0–100), started_at, finished_at, error

and every kind of job moves that row through the functions below, never by hand.

A worker that dies in the middle of a job (killed, machine restarted) leaves its row `running`;
a job whose task was lost (queued before the task framework, or on a backend since replaced)
stays `queued`. `jobs_requeue_stale` finds both, and each kind of job has a periodic task
(`core/schedule.py`, every five minutes) that enqueues their task again. The claim is a
conditional update, so a job requeued while its first worker was merely slow is still made once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)


class JobStatus(models.TextChoices):
    """The states every job's row shares (a kind of job may add its own after `done`, e.g. published)."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


def job_claim(model: type[models.Model], pk: int, **scope: object) -> datetime | None:
    """Take a queued job; None when another worker already took it (or it is not queued any more).

    Returns the claim (the attempt's start time), which every later write of this attempt names: a
    worker thought dead whose job was requeued and taken again finds its claim gone, and writes
    nothing over the new attempt (nor over what came after it, e.g. a published proposal).
    `scope` narrows the row further (`centre_id=...`): a task takes only a job of the Cité it was given.
    """
    started = timezone.now()
    claimed = model._default_manager.filter(pk=pk, status=JobStatus.QUEUED, **scope).update(
        status=JobStatus.RUNNING, started_at=started, progress=5, error=""
    )
    return started if claimed == 1 else None


def _held(model: type[models.Model], pk: int, claim: datetime) -> models.QuerySet:
    """The job's row, while this attempt still holds it."""
    return model._default_manager.filter(pk=pk, status=JobStatus.RUNNING, started_at=claim)


def job_progress(model: type[models.Model], pk: int, claim: datetime) -> Callable[[int], None]:
    """The function a job calls with its percentage; any process (the pages) reads it from the row."""

    def progress(percent: int) -> None:
        _held(model, pk, claim).update(progress=max(0, min(100, int(percent))))

    return progress


def job_done(model: type[models.Model], pk: int, claim: datetime, **results: object) -> bool:
    """Record the job's results and mark it done; False (nothing written) if the attempt lost its claim."""
    return (
        _held(model, pk, claim).update(status=JobStatus.DONE, progress=100, finished_at=timezone.now(), **results) == 1
    )


def job_failed(model: type[models.Model], pk: int, claim: datetime, error: BaseException) -> None:
    """Record why a job failed, for the page that shows it; the traceback goes to the log."""
    logger.error("%s %s failed", model._meta.label, pk, exc_info=error)
    _held(model, pk, claim).update(status=JobStatus.FAILED, finished_at=timezone.now(), error=str(error)[:1000])


def jobs_requeue_stale(model: type[models.Model], *, after: timedelta) -> list[int]:
    """The jobs whose task must be enqueued again; returns their ids.

    A job still `running` long after it started was left by a worker that died: it is put back in
    the queue. A job `queued` long ago has lost its task (queued before the task framework, or on a
    backend since replaced). If the first worker was only slow, its claim is gone: it writes nothing more.
    """
    since = timezone.now() - after
    stale = list(
        model._default_manager.filter(status=JobStatus.RUNNING, started_at__lt=since).values_list("pk", flat=True)
    )
    if stale:
        model._default_manager.filter(pk__in=stale, status=JobStatus.RUNNING).update(
            status=JobStatus.QUEUED, progress=0
        )
    lost = model._default_manager.filter(status=JobStatus.QUEUED, requested_at__lt=since).values_list("pk", flat=True)
    return sorted({*stale, *lost})
