"""The production settings, served over plain HTTP on the loopback, plus a bare JSON view to compare with."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# No collectstatic for a benchmark: the pages name their assets without the manifest.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
