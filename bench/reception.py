"""Reception endpoints under load: check-in and call-next against a bare Django JSON view.

    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/reception.py [--workers 4 --clients 8 --seconds 20]

Production settings (bench/settings.py) on PostgreSQL, several gunicorn worker processes on the
loopback, closed-loop clients in separate processes with keep-alive connections, each logged in
as its own reception agent or adviser. Phases, each after a warm-up:

1. the bare view (GET, no database): the ceiling of the stack;
2. the same JSON behind a reception agent's login (session, user and membership read, nothing
   written): the floor under every page of the consoles;
3. check-in: POST of the reception console's form (a visit and a ticket, numbered under the area's
   counter lock), 302 expected;
4. call-next: POST of the adviser console's button (the oldest waiting ticket under SKIP LOCKED),
   302 expected; between two calls each adviser releases the visitor called ("did not come") so
   that every measured call is real work; the release is not measured.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-0123"  # noqa: S105 -- throwaway accounts of a throwaway database
SLUG = "bench"


class Client:
    """One person's browser, reduced to what matters: a keep-alive connection and cookies."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closes a keep-alive connection idle for longer than its keepalive (e.g. at
            # the barrier); a browser opens a new one and sends the request again.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        location = response.getheader("Location")
        return response.status, text, location

    def visit(self, method: str, path: str, data: dict | None = None) -> tuple[int, float]:
        """A request as a browser makes it: a redirect is followed (its page shows and so consumes the
        success message, which would otherwise pile up in the cookie and spill into the session).
        Returns the first response's status and its latency: the redirect's page is not timed."""
        begin = time.perf_counter()
        status, _text, location = self.request(method, path, data)
        elapsed = time.perf_counter() - begin
        if location:
            self.request("GET", location)
        return status, elapsed

    def login(self, email: str) -> None:
        status, page, _ = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _, _ = self.request(
            "POST", "/accounts/login/", {"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD}
        )
        assert status == 302, f"login of {email} answered {status}"
        self.request("GET", f"/c/{SLUG}/")  # sets the CSRF cookie for the forms


def run_client(phase: str, index: int, port: int, seconds: float, warmup: float, area: int, queue, barrier) -> None:
    client = Client(port)
    if phase in ("check_in", "signed_in"):
        client.login(f"reception{index}@bench.example")
    elif phase == "call_next":
        client.login(f"adviser{index}@bench.example")
        client.visit("POST", f"/c/{SLUG}/adviser/setup/", {"areas": [area], "desk": f"Desk {index}"})
    # Every client is logged in (password hashing, a third of a second each) before any measures.
    barrier.wait()
    latencies, errors, started = [], 0, time.perf_counter()
    while (now := time.perf_counter()) - started < warmup + seconds:
        begin = time.perf_counter()
        if phase == "bare":
            status, _, _ = client.request("GET", "/bench/bare/")
            ok, elapsed = status == 200, time.perf_counter() - begin
        elif phase == "signed_in":
            status, _, _ = client.request("GET", f"/c/{SLUG}/bench/signed-in/")
            ok, elapsed = status == 200, time.perf_counter() - begin
        elif phase == "check_in":
            status, elapsed = client.visit(
                "POST", f"/c/{SLUG}/reception/check-in/", {"outcome": "queue", "areas": [area], "age_band": "26_44"}
            )
            ok = status == 302
        else:
            status, elapsed = client.visit("POST", f"/c/{SLUG}/adviser/call/", {})
            ok = status == 302
        if now - started >= warmup:
            latencies.append(elapsed)
            errors += not ok
        if phase == "call_next":
            _status, panel, _ = client.request("GET", f"/c/{SLUG}/adviser/panel/")
            match = re.search(r"/adviser/tickets/(\d+)/no-show/", panel)
            if match:
                client.visit("POST", f"/c/{SLUG}/adviser/tickets/{match.group(1)}/no-show/", {})
    queue.put((latencies, errors))


def run_phase(phase: str, *, clients: int, port: int, seconds: float, area: int) -> dict:
    queue = multiprocessing.Queue()
    barrier = multiprocessing.Barrier(clients)
    workers = [
        multiprocessing.Process(target=run_client, args=(phase, i, port, seconds, 3.0, area, queue, barrier))
        for i in range(clients)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get() for _ in workers]
    for worker in workers:
        worker.join()
    latencies = sorted(latency for result in results for latency in result[0])
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "throughput": len(latencies) / seconds,
        "p50": statistics.median(latencies) * 1000,
        "p90": q[89] * 1000,
        "p99": q[98] * 1000,
        "max": latencies[-1] * 1000,
        "errors": sum(result[1] for result in results),
    }


def seed(clients: int) -> int:
    """The Cité, its reception agents and advisers, through the product's services; returns area A's id."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from citemetiers.accounts.roles import Role
    from citemetiers.centres.models import Membership
    from citemetiers.centres.services import centre_create

    call_command("migrate", verbosity=0)
    centre = centre_create(
        slug=SLUG,
        host_organisation_name="Hôte",
        data={
            "name": "Cité de banc d'essai",
            "country": "FR",
            "city": "Paris",
            "languages": ["fr"],
            "time_zone": "Europe/Paris",
        },
        actor=None,
    )
    user_model = get_user_model()
    for index in range(clients):
        for role, local in ((Role.RECEPTION, "reception"), (Role.ADVISER, "adviser")):
            user = user_model.objects.create_user(email=f"{local}{index}@bench.example", password=PASSWORD)
            Membership.objects.create(centre=centre, user=user, roles=[role])
    return centre.advice_areas.get(code="A").pk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, help="gunicorn worker processes (default: deploy/gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: deploy/gunicorn.conf.py's)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent closed-loop clients")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Run through scripts/with_postgres.py (or with DATABASE_URL set to PostgreSQL).", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    area = seed(args.clients)
    # The shipped production configuration (preload, workers, class, recycling); the command line
    # overrides only what a variant changes, the bind and the access log (not measured).
    command = [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    command += ["--bind", f"127.0.0.1:{args.port}", "--access-logfile", "/dev/null", "--log-level", "warning"]
    server = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        for _ in range(300):  # until a worker answers (not only the socket listening)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        results = {
            phase: run_phase(phase, clients=args.clients, port=args.port, seconds=args.seconds, area=area)
            for phase in ("bare", "signed_in", "check_in", "call_next")
        }
    finally:
        server.terminate()
        server.wait(timeout=30)

    from citemetiers.reception.models import TicketEvent

    calls = TicketEvent.objects.filter(transition="call").count()
    bare = results["bare"]["throughput"]
    lines = [
        f"gunicorn deploy/gunicorn.conf.py (workers {args.workers or 'as shipped'}, threads "
        f"{args.threads or 'as shipped'}), {args.clients} clients, "
        f"{args.seconds:.0f} s per phase after 3 s of warm-up, PostgreSQL on the same 2-core machine.",
        "",
        "| endpoint | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | vs bare view |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for phase, label in (
        ("bare", "bare JSON view"),
        ("signed_in", "the same, signed in as a member"),
        ("check_in", "check-in"),
        ("call_next", "call next"),
    ):
        r = results[phase]
        lines.append(
            f"| {label} | {r['requests']} | {r['throughput']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} | "
            f"{r['p99']:.1f} | {r['max']:.0f} | {r['errors']} | {r['throughput'] / bare:.2f} |"
        )
    lines += ["", f"Tickets actually called during the run (warm-up included): {calls}."]
    print("\n".join(lines))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / f"reception-{date.today().isoformat()}.md").write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times through the test client still run in the tenancy middleware's scopes.
    with scopes_disabled():
        sys.exit(main())
