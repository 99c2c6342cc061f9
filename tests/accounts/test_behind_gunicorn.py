"""The login limits as deployed: a real gunicorn (deploy/gunicorn.conf.py, one worker) reached the way
nginx reaches it, from 127.0.0.1 with the client's address appended to X-Forwarded-For.

Runs in both passes: on SQLite the test database is copied to a file gunicorn opens; on PostgreSQL
gunicorn connects to the test database itself.
"""

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp_path) -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = tmp_path / "db.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER'] or 'postgres'}{password}@{quote(db['HOST'] or '', safe='')}{port}/{db['NAME']}"


@pytest.fixture
def gunicorn(transactional_db, tmp_path):
    """start() -> the port of a gunicorn serving the database as it is now; always stopped afterwards."""
    processes = []

    def start() -> int:
        port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(tmp_path),
            "TRUSTED_PROXY_COUNT": "1",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            "GUNICORN_THREADS": "1",
        }
        with (tmp_path / "gunicorn.log").open("wb") as log:
            process = subprocess.Popen(  # noqa: S603
                [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"gunicorn stopped: {(tmp_path / 'gunicorn.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.1)
        pytest.fail("gunicorn did not start within 60 s")

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _login_through_nginx(port: int, email: str, password: str, client: str) -> int:
    """What nginx sends upstream: the client forged a header, nginx appended the address it saw."""
    forwarded = {"X-Forwarded-For": f"10.66.66.66, {client}"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", reverse("accounts:login"), headers=forwarded)
        page = conn.getresponse()
        html = page.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password})
        headers = {
            **forwarded,
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        conn.request("POST", reverse("accounts:login"), body=body, headers=headers)
        answer = conn.getresponse()
        answer.read()
        return answer.status
    finally:
        conn.close()


def test_behind_gunicorn_and_the_proxy_header_one_clients_failures_do_not_lock_another(gunicorn):
    user = UserFactory()
    port = gunicorn()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login_through_nginx(port, user.email, "guess", client="203.0.113.7") == 200
    # The failure that reaches the limit is answered with the lock-out page already.
    assert _login_through_nginx(port, user.email, "guess", client="203.0.113.7") == 429
    assert _login_through_nginx(port, user.email, PASSWORD, client="203.0.113.7") == 429
    assert _login_through_nginx(port, user.email, PASSWORD, client="198.51.100.20") == 302
