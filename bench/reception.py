"""Reception endpoints under load against the signed-in floor, server configurations interleaved.

    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/reception.py
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/reception.py \\
        --variants shipped sync:2 sync:3 sync:5 gthread:2x2 gthread:5x4 --phases floor check_in --clients 8

Production settings (bench/settings.py) on PostgreSQL; one gunicorn per variant, each started from the
shipped deploy/gunicorn.conf.py (preload, recycling, timeouts) with only the worker class, count and
threads of the variant changed ("shipped" changes nothing); closed-loop clients in separate processes
with keep-alive connections. The machine's speed drifts (other work, turbo, the database's own state)
by up to 2x within minutes, so nothing is measured one variant after another: every variant, phase and
client count gets a short window in each round, the rounds follow one another, the order of the
variants rotates, and every figure is printed as its median across rounds with the range (min-max).
Ratios are taken within a round (windows seconds apart) before their median is taken.

Phases:

- bare: a JSON view behind the whole middleware stack, no session, no database: the stack's ceiling;
- floor: the same JSON behind a member's login (session, user and membership read, nothing written):
  the floor under every page of the consoles;
- check_in: POST of the reception console's form, as the form sends it (its idempotency key);
- call: POST of the adviser's "call next", each by an adviser who has nobody called yet: every measured
  call takes a ticket (counted from the log, any shortfall shows as errors);
- cycle: an adviser's whole loop as a browser does it: call (302, the console it redirects to), then
  "did not come" on the visitor called (302, the console again); its rate counts cycles.

check_in and call answer 302 to a console page; what a browser's next page does to the success
message, the client does: it drops the message cookie (never fetched, it would pile up in the cookie
and spill into the session), so their figures are the POST's alone. The cycle follows every redirect.
Reception agents and the cycle's advisers log in through the login form before anything is measured
(a barrier: password hashing takes a third of a second each); the call phase's advisers (one call
each per window) get their sessions from the session engine directly. Between two windows the bench
puts called and absent tickets back in the queue and trims it to its starting length, so every
window starts from the same queue.
"""

from __future__ import annotations

import argparse
import http.client
import math
import multiprocessing
import os
import re
import secrets
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-password-0123"  # noqa: S105 -- throwaway accounts of a throwaway database
SLUG = "bench"
PHASES = ("bare", "floor", "check_in", "call", "cycle")
IDEMPOTENCY_FIELD = "idempotency_key"  # citemetiers.core.idempotency.FIELD (this module imports no Django)


# Pure helpers (tests/bench/test_reception_bench.py) ------------------------------------------------


def percentile(ordered: list[float], q: float) -> float:
    """The q-quantile of sorted samples, interpolated as statistics.quantiles(method="inclusive") does,
    for any number of samples (statistics needs two); NaN for none."""
    if not ordered:
        return math.nan
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(latencies: list[float], seconds: float) -> dict:
    """A window's (or pooled windows') rate and latencies in milliseconds."""
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "throughput": len(ordered) / seconds,
        "p50": percentile(ordered, 0.50) * 1000,
        "p90": percentile(ordered, 0.90) * 1000,
        "p99": percentile(ordered, 0.99) * 1000,
        "max": (ordered[-1] if ordered else math.nan) * 1000,
    }


def spread(values: list[float]) -> tuple[float, float, float] | None:
    """(median, min, max) of a figure across windows; None when no window gave it."""
    if not values:
        return None
    ordered = sorted(values)
    return percentile(ordered, 0.5), ordered[0], ordered[-1]


def paired_ratios(numerators: dict[int, float], denominators: dict[int, float]) -> list[float]:
    """The ratio of two figures round by round (windows seconds apart), where both were measured."""
    return [numerators[r] / denominators[r] for r in sorted(numerators) if denominators.get(r, 0) > 0]


class Variant(NamedTuple):
    name: str
    worker_class: str | None  # None: as deploy/gunicorn.conf.py ships
    workers: int | None
    threads: int | None


_VARIANT = re.compile(r"(sync):([1-9]\d*)|(gthread):([1-9]\d*)x([1-9]\d*)")


def parse_variant(text: str) -> Variant:
    """ "shipped", "sync:<workers>" or "gthread:<workers>x<threads>"."""
    if text == "shipped":
        return Variant(text, None, None, None)
    match = _VARIANT.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r}: expected shipped, sync:<workers> or gthread:<workers>x<threads>")
    if match.group(1):
        return Variant(text, "sync", int(match.group(2)), 1)
    return Variant(text, "gthread", int(match.group(4)), int(match.group(5)))


def schedule(*, variants: list[str], phases: list[str], clients: list[int], rounds: int) -> list[tuple]:
    """Windows (round, clients, phase, variant): each round measures everything once, the variants of a
    phase next to each other, their order rotating from round to round."""
    windows = []
    for r in range(rounds):
        order = variants[r % len(variants) :] + variants[: r % len(variants)]
        windows += [(r, c, p, v) for c in clients for p in phases for v in order]
    return windows


# Clients ---------------------------------------------------------------------------------------------


class Browser:
    """One person's browser, reduced to what matters: a keep-alive connection per server, and cookies."""

    def __init__(self, cookies: dict[str, str] | None = None):
        self.connections: dict[int, http.client.HTTPConnection] = {}
        self.cookies: dict[str, str] = dict(cookies or {})

    def request(self, port: int, method: str, path: str, data: dict | None = None) -> tuple[int, str, str | None]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection = self.connections.get(port)
        if connection is None:
            connection = self.connections[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed a keep-alive connection left idle longer than its keepalive (while the
            # other servers were measured): a browser opens a new one and sends the request again.
            connection.close()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, response.getheader("Location")

    def visit(self, port: int, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        """A request as a browser makes it: a redirect is followed; returns the first status, the last page."""
        status, text, location = self.request(port, method, path, data)
        if location:
            _status, text, _ = self.request(port, "GET", location)
        return status, text

    def post_alone(self, port: int, path: str, data: dict) -> int:
        """A POST whose redirect is not fetched: its success message is dropped as the next page would
        consume it, so that it never piles up in the cookie and spills into the session."""
        status, _text, _location = self.request(port, "POST", path, data)
        self.cookies.pop("messages", None)
        return status

    def close(self) -> None:
        for connection in self.connections.values():
            connection.close()
        self.connections.clear()

    def login(self, port: int, email: str) -> None:
        _status, page, _ = self.request(port, "GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = {"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD}
        status, _, _ = self.request(port, "POST", "/accounts/login/", data)
        assert status == 302, f"login of {email} answered {status}"
        self.visit(port, "GET", f"/c/{SLUG}/")  # sets the CSRF cookie for the forms


def _key() -> str:
    return secrets.token_urlsafe(16)


def _one(phase: str, port: int, area: int, reception: Browser, adviser: Browser, caller: Browser | None) -> bool:
    """One measured request (or cycle) of a phase; True when it answered as expected."""
    if phase == "bare":
        return reception.request(port, "GET", "/bench/bare/")[0] == 200
    if phase == "floor":
        return reception.request(port, "GET", f"/c/{SLUG}/bench/signed-in/")[0] == 200
    if phase == "check_in":
        data = {
            "outcome": "queue",
            "areas": [area],
            "channel": "walk_in",
            "age_band": "26_44",
            IDEMPOTENCY_FIELD: _key(),
        }
        return reception.post_alone(port, f"/c/{SLUG}/reception/check-in/", data) == 302
    if phase == "call":
        return caller.post_alone(port, f"/c/{SLUG}/adviser/call/", {IDEMPOTENCY_FIELD: _key()}) == 302
    status, console = adviser.visit(port, "POST", f"/c/{SLUG}/adviser/call/", {IDEMPOTENCY_FIELD: _key()})
    match = re.search(r"/adviser/tickets/(\d+)/no-show/", console)
    if status != 302 or match is None:
        return False
    path = f"/c/{SLUG}/adviser/tickets/{match.group(1)}/no-show/"
    return adviser.visit(port, "POST", path, {IDEMPOTENCY_FIELD: _key()})[0] == 302


def run_client(index: int, port: int, area: int, callers: list[dict], commands, results) -> None:
    """A client process: logs in, says it is ready, then runs one window per command until None."""
    reception, adviser = Browser(), Browser()
    reception.login(port, f"reception{index}@bench.example")
    adviser.login(port, f"adviser{index}@bench.example")
    adviser.visit(port, "POST", f"/c/{SLUG}/adviser/setup/", {"areas": [area], "desk": f"Desk {index}"})
    pool = [Browser(cookies) for cookies in callers]
    results.put(("ready", index))
    while (command := commands.get()) is not None:
        phase, port, start, seconds = command
        while time.monotonic() < start:  # every client of the window starts together
            time.sleep(0.001)
        end = start + seconds
        latencies, errors, exhausted, callers_left = [], 0, False, iter(pool)
        while (begin := time.monotonic()) < end:
            caller = next(callers_left, None) if phase == "call" else None
            if phase == "call" and caller is None:  # every adviser of the pool has called: cut short
                exhausted = True
                break
            try:
                ok = _one(phase, port, area, reception, adviser, caller)
            except (OSError, http.client.HTTPException) as error:  # a timeout, a refused connection
                print(f"client {index}, {phase} on port {port}: {error!r}", file=sys.stderr)
                for browser in (reception, adviser, caller):
                    if browser is not None:
                        browser.close()
                ok = False
            latencies.append(time.monotonic() - begin)
            errors += not ok
        results.put((index, latencies, errors, exhausted, time.monotonic()))


# The run ---------------------------------------------------------------------------------------------


def seed(*, clients: int, callers: int, queue: int) -> tuple:
    """The Cité, its agents and advisers, the call phase's sessions and a queue; returns (centre, area A's
    id, the callers' cookies per client)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from citemetiers.accounts.roles import Role
    from citemetiers.centres.models import Membership
    from citemetiers.centres.services import centre_create
    from citemetiers.reception.ticketing import visit_check_in

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
    area = centre.advice_areas.get(code="A")
    user_model = get_user_model()
    hashed = make_password(PASSWORD)  # hashed once: 0.3 s per account otherwise
    people = [(Role.RECEPTION, f"reception{i}@bench.example") for i in range(clients)] + [
        (Role.ADVISER, f"adviser{i}@bench.example") for i in range(clients)
    ]
    people += [(Role.ADVISER, f"caller{i}-{j}@bench.example") for i in range(clients) for j in range(callers)]
    users = user_model.objects.bulk_create(
        [user_model(email=email, full_name=email.split("@")[0], password=hashed) for _role, email in people]
    )
    Membership.objects.bulk_create(
        [Membership(centre=centre, user=user, roles=[role]) for (role, _), user in zip(people, users, strict=True)]
    )
    store = import_module(settings.SESSION_ENGINE).SessionStore
    csrf = secrets.token_hex(16)  # a CSRF cookie's secret is any 32 letters or digits
    cookies: list[list[dict]] = [[] for _ in range(clients)]
    for (_role, email), user in zip(people, users, strict=True):
        if email.startswith("caller"):
            session = store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session[f"adviser_setup:{centre.pk}"] = {"areas": [area.pk], "desk": email}
            session.create()
            client = int(email.removeprefix("caller").split("-")[0])
            cookies[client].append({settings.SESSION_COOKIE_NAME: session.session_key, "csrftoken": csrf})
    for _ in range(queue):
        visit_check_in(centre=centre, areas=[area], profile={}, actor=None)
    return centre, area.pk, cookies


def reset_queue(centre, length: int) -> None:
    """Called and absent visitors back in the queue, the queue trimmed to its starting length."""
    from citemetiers.reception.models import Ticket, TicketStatus

    tickets = Ticket.objects.filter(centre=centre)
    tickets.filter(status__in=[TicketStatus.CALLED, TicketStatus.NO_SHOW]).update(
        status=TicketStatus.WAITING, adviser=None, desk="", called_at=None, call_count=0
    )
    extra = list(tickets.filter(status=TicketStatus.WAITING).order_by("created_at", "id").values_list("pk", flat=True))
    tickets.filter(pk__in=extra[length:]).update(status=TicketStatus.CANCELLED)


def calls_logged(centre) -> int:
    from citemetiers.reception.models import TicketEvent

    return TicketEvent.objects.filter(centre=centre, transition="call").count()


def start_server(variant: Variant, port: int) -> subprocess.Popen:
    # The shipped production configuration (preload, workers, class, recycling); the command line
    # overrides only what the variant changes, the bind and the access log (not measured).
    command = [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    if variant.worker_class:
        command += ["--worker-class", variant.worker_class, "--workers", str(variant.workers)]
        command += ["--threads", str(variant.threads)]
    command += ["--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})  # noqa: S603


def wait_until_up(port: int) -> None:
    for _ in range(600):  # until a worker answers (not only the socket listening)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no worker answered on port {port}")


def _figure(values: list[float], digits: int = 0) -> str:
    s = spread(values)
    if s is None:
        return "–"
    return f"{s[0]:,.{digits}f} ({s[1]:,.{digits}f}–{s[2]:,.{digits}f})"


# The targets: (phase, reference, the least ratio of their rates).
TARGETS = (("floor", "bare", 0.3), ("check_in", "floor", 0.6), ("call", "floor", 0.6), ("cycle", "floor", 0.2))


def _rates(windows: dict, clients: int, phase: str, variant: str) -> dict[int, float]:
    """A figure's rate per round."""
    return {
        r: w["figures"]["throughput"] for (r, c, p, v), w in windows.items() if (c, p, v) == (clients, phase, variant)
    }


def report(windows: dict, *, variants: list[str], phases: list[str], clients: list[int], args) -> list[str]:
    """Markdown: per client count, a table of each variant × phase, then the ratios the targets name."""
    labels = {
        "bare": "bare JSON view",
        "floor": "signed-in floor",
        "check_in": "check-in (POST)",
        "call": "call next (POST)",
        "cycle": "call-next cycle",
    }
    lines = [
        f"{len(variants)} server(s) interleaved, {args.rounds} rounds of {args.window:g} s windows (after one "
        f"warm-up round), PostgreSQL and the clients on the same {os.cpu_count()}-core machine. Each figure: "
        "median across rounds (min–max).",
    ]
    for c in clients:
        lines += [
            "",
            f"**{c} clients**",
            "",
            "| server | endpoint | req/s | p50 ms | p99 ms (pooled) | p99 ms per window | errors |",
            "|---|---|---|---|---|---|---|",
        ]
        for v in variants:
            for p in phases:
                per_round = {r: w for (r, cc, pp, vv), w in windows.items() if (cc, pp, vv) == (c, p, v)}
                if not per_round:
                    continue
                pooled = summarise([x for w in per_round.values() for x in w["latencies"]], 1.0)
                rates = [w["figures"]["throughput"] for w in per_round.values()]
                p99s = [w["figures"]["p99"] for w in per_round.values() if w["figures"]["requests"]]
                errors = sum(w["errors"] for w in per_round.values())
                cut = " (pool exhausted)" if any(w["exhausted"] for w in per_round.values()) else ""
                lines.append(
                    f"| {v} | {labels[p]} | {_figure(rates)} | {pooled['p50']:.1f} | {pooled['p99']:.1f} | "
                    f"{_figure(p99s, 1)} | {errors}{cut} |"
                )
        ratio_lines = []
        for v in variants:
            for p, q, target in TARGETS:
                ratios = paired_ratios(_rates(windows, c, p, v), _rates(windows, c, q, v))
                if ratios:
                    met = "met" if spread(ratios)[0] >= target else "NOT met"
                    ratio_lines.append(
                        f"| {v} | {labels[p]} / {labels[q]} | {_figure(ratios, 2)} | ≥ {target} | {met} |"
                    )
        for p in phases:
            for v in variants[1:]:
                ratios = paired_ratios(_rates(windows, c, p, v), _rates(windows, c, p, variants[0]))
                ratio_lines.append(f"| {v} | {labels[p]}, {v} / {variants[0]} | {_figure(ratios, 2)} | | |")
        if ratio_lines:
            lines += ["", "| server | ratio (paired by round) | median (min–max) | target | |", "|---|---|---|---|---|"]
            lines += ratio_lines
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=["shipped"], help="shipped, sync:N, gthread:NxT")
    parser.add_argument("--phases", nargs="+", default=list(PHASES), choices=PHASES)
    parser.add_argument("--clients", nargs="+", type=int, default=[8, 4], help="closed-loop clients, per run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--window", type=float, default=2.0, help="seconds per window")
    parser.add_argument("--callers", type=int, default=80, help="advisers per client for the call phase")
    parser.add_argument("--queue", type=int, default=600, help="waiting visitors at the start of each window")
    parser.add_argument("--port", type=int, default=8791, help="the first server's; the next ones follow")
    parser.add_argument("--output", help="file name in bench/results/ (default: reception-<date>.md)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Run through scripts/with_postgres.py (or with DATABASE_URL set to PostgreSQL).", file=sys.stderr)
        return 2
    variants = [parse_variant(text) for text in args.variants]
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    most = max(args.clients)
    centre, area, callers = seed(clients=most, callers=args.callers, queue=args.queue)
    ports = {v.name: args.port + i for i, v in enumerate(variants)}
    servers = [start_server(v, ports[v.name]) for v in variants]
    processes = []
    try:
        for port in ports.values():
            wait_until_up(port)
        from django.db import connections

        connections.close_all()  # the clients are forked: none of them inherits the database connection
        results = multiprocessing.Queue()
        commands = [multiprocessing.Queue() for _ in range(most)]
        first = args.port
        processes = [
            multiprocessing.Process(target=run_client, args=(i, first, area, callers[i], commands[i], results))
            for i in range(most)
        ]
        for process in processes:
            process.start()
        for _ in processes:  # the barrier: every client logged in before anything is measured
            assert results.get(timeout=900)[0] == "ready"
        names = [v.name for v in variants]
        plan = schedule(variants=names, phases=args.phases, clients=args.clients, rounds=args.rounds + 1)
        windows = {}
        for r, c, p, v in plan:
            print(f"round {r}, {c} clients, {p} on {v}", file=sys.stderr, flush=True)
            reset_queue(centre, args.queue)
            called_before = calls_logged(centre)
            start = time.monotonic() + 0.05
            for i in range(c):
                commands[i].put((p, ports[v], start, args.window))
            answers = [results.get(timeout=args.window + 120) for _ in range(c)]
            latencies = [x for _i, lat, _e, _x, _t in answers for x in lat]
            errors = sum(e for _i, _l, e, _x, _t in answers)
            # Every request begun in the window is waited for and counted: the rate is over the time
            # until the last one ended (a cycle of seconds would otherwise count 0 or 1 per client).
            elapsed = max(args.window, max(t for *_rest, t in answers) - start)
            if p == "call":  # a 302 that called nobody is no work: count the calls the log shows
                errors += max(0, len(latencies) - (calls_logged(centre) - called_before))
            if r == 0:
                continue  # the warm-up round: every server, page and pool of connections once
            windows[(r, c, p, v)] = {
                "latencies": latencies,
                "figures": summarise(latencies, elapsed),
                "errors": errors,
                "exhausted": any(x for _i, _l, _e, x, _t in answers),
            }
        for queue in commands:
            queue.put(None)
        for process in processes:
            process.join(timeout=30)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:  # gunicorn's graceful stop waits for idle keep-alives
                server.kill()
                server.wait()
    shipped = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    described = re.findall(r"^(workers|threads|worker_class|max_requests) = (.+)$", shipped, re.M)
    lines = report(windows, variants=names, phases=args.phases, clients=args.clients, args=args)
    lines += ["", "shipped = deploy/gunicorn.conf.py: " + "; ".join(f"{k} = {v}" for k, v in described) + "."]
    print("\n".join(lines))
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / (args.output or f"reception-{date.today().isoformat()}.md")).write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times still run in the tenancy middleware's scopes.
    with scopes_disabled():
        sys.exit(main())
