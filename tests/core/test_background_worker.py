"""End to end: the real worker (`manage.py db_worker`, another process) makes a report from the queue."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection
from django_tasks import TaskResultStatus

from citemetiers.indicators import tasks
from citemetiers.indicators.models import ActivityReport, ReportStatus
from tests.factories import ActivityReportFactory

ROOT = Path(__file__).resolve().parents[2]

# The worker reads the same database as this test, so the rows are committed (transactional_db)
# and the database is a server: PostgreSQL (SQLite's test database lives in this process's memory).
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    """The server this test runs on, with the test database's name (the worker must read that one)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))


def test_the_worker_process_makes_a_report_enqueued_on_the_database_queue(centre):
    if connection.vendor != "postgresql":
        pytest.fail("this test needs the PostgreSQL test database (run it with scripts/with_postgres.py)")
    report = ActivityReportFactory(centre=centre)
    result = tasks.report_make.using(backend="database").enqueue(report_id=report.pk, centre_id=centre.pk)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--backend", "database", "--batch", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = ActivityReport.objects.get(pk=report.pk)
    assert (report.status, report.progress, report.error) == (ReportStatus.DONE, 100, "")
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
