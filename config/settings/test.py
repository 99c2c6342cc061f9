"""Tests: fast hashing, in-memory mail, plain static storage."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # no collectstatic before tests: serve from the finders
# Files written by tests (activity reports) go to a throwaway folder, never into var/.
# The planner's proposals in browser tests: a few seconds of search are plenty for the demo Cités.
ROSTER_SOLVER_SECONDS = 2.0
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="citemetiers-test-media-"))
# The test databases are built without the shipped ROME/ESCO occupations (thousands of rows, once
# per database and xdist worker): the tests that need them load them with the `shipped` fixture.
REFERENTIALS_LOAD_IN_MIGRATIONS = False
# Tasks run at once, in the process that enqueues them (after its transaction commits); one
# end-to-end test runs the real worker on the database queue (tests/core/test_background_worker.py).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}
