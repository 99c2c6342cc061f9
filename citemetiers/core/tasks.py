"""Periodic upkeep of the task framework itself."""

from __future__ import annotations

import io
from datetime import time

from django.conf import settings
from django.core.management import call_command
from django_tasks import task

from citemetiers.core.schedule import periodic

# The pages read the jobs' own rows (core/background.py); the database queue's rows of finished
# tasks only help to investigate a failure, for which a month is plenty.
TASK_RESULTS_KEPT_DAYS = 30


@periodic(daily_at=time(4, 0))
@task()
def task_results_prune() -> None:
    """Delete the database queue's rows of tasks finished more than a month ago."""
    for alias, backend in settings.TASKS.items():
        if backend["BACKEND"] == "django_tasks_db.DatabaseBackend":
            # Options as on the command line: the command validates its default backend otherwise.
            options = ["--backend", alias, "--queue-name", "*", "--min-age-days", str(TASK_RESULTS_KEPT_DAYS)]
            call_command("prune_db_task_results", *options, stdout=io.StringIO())
