"""Production settings refuse to start when the operator forgot the secrets (run in a subprocess:
the settings module of this test session is config.settings.test)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
REAL_KEY = "a-production-secret-key-that-is-long-and-random-enough-0123456789abcdef"


def load_prod_settings(**environ):
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(environ)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.prod as s; print('HOSTS', s.ALLOWED_HOSTS)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_prod_refuses_the_development_secret_key():
    result = load_prod_settings(ALLOWED_HOSTS="citemetiers.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", ["", " , "])
def test_prod_refuses_an_empty_allowed_hosts(hosts):
    result = load_prod_settings(SECRET_KEY=REAL_KEY, ALLOWED_HOSTS=hosts)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_prod_starts_with_a_real_key_and_hosts():
    result = load_prod_settings(SECRET_KEY=REAL_KEY, ALLOWED_HOSTS="citemetiers.example.org")
    assert result.returncode == 0, result.stderr
    assert "HOSTS ['citemetiers.example.org']" in result.stdout
