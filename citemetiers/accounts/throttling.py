"""Who is asking (the client's address behind the reverse proxy) and how often they may ask.

Every limit of the platform (login through django-axes, password reset, visitor card codes)
counts per address read by `client_address`, so that behind nginx, where every request comes
from 127.0.0.1, one client's mistakes never lock out the others.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from citemetiers.accounts.models import RateLimitEvent


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's IP address: the socket's peer, or the right-most untrusted hop of X-Forwarded-For.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the app appends the address it sees
    (nginx's $proxy_add_x_forwarded_for), so the client is the N-th entry from the right.
    Anything further left was written by the client and may be forged: it is never read.
    A chain shorter than N holds only proxy-written entries, so its left-most one is trusted.
    A missing or malformed header falls back to the socket's address.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop for hop in (part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")) if hop]
    if not hops:
        return remote
    return _valid_ip(hops[-count] if len(hops) >= count else hops[0]) or remote


def normalise_username(username: str | None) -> str | None:
    return username.strip().lower() if username else username


def axes_username(request, credentials=None) -> str | None:
    """The address as the login understands it: case and surrounding spaces do not make another account.

    Without this, "Ana@x.org" and "ana@x.org" would each get their own failure count,
    and varying the case of an address would allow unlimited guesses.
    """
    data = credentials or getattr(request, "data", request.POST)
    return normalise_username(data.get("username"))


def address_failures(address: str | None, now: datetime | None = None) -> int:
    """Failed logins from this address on any account during the cool-off time."""
    if not address:
        return 0
    since = (now or timezone.now()) - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class ThrottlingBackend(AxesStandaloneBackend):
    """Axes' lock of an (account, address) pair, plus a lock of an address that sprays many accounts.

    Locking an account for every address would let anybody lock a colleague out with five wrong
    passwords; locking only the pair lets one address try a few passwords on every account, so
    an address is also locked after LOGIN_ADDRESS_FAILURE_LIMIT failures across accounts.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and settings.AXES_ENABLED:
            AxesProxyHandler.update_request(request)
            if address_failures(request.axes_ip_address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
                # The middleware turns this flag into the lock-out page, as for axes' own lock.
                request.axes_locked_out = True
                raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def _digest(scope: str, key: str) -> str:
    return salted_hmac(f"citemetiers.accounts.rate-limit.{scope}", key, algorithm="sha256").hexdigest()


def _lock_keys(digests: dict[str, str]) -> None:
    """Hold each key's lock until the transaction ends, so that requests arriving together count one
    after another instead of all reading "below the limit" and all passing (twenty at once went 18
    through a limit of 5 without it). PostgreSQL: a transaction-level advisory lock per key, taken in a
    fixed order so that two requests sharing keys cannot deadlock. SQLite's IMMEDIATE transactions
    already serialise writers."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for scope, digest in sorted(digests.items()):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"rate-limit:{scope}:{digest}"])


def rate_limit_allow(*, keys: dict[str, str], limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one request under every scope → key given, unless one of them has had `limit` in `window`.

    A refused request is not counted, so that a legitimate request gets through once the
    window has slid past the earlier ones, however long a flood lasts.
    """
    now = now or timezone.now()
    digests = {scope: _digest(scope, key) for scope, key in keys.items() if key}
    with transaction.atomic():
        _lock_keys(digests)
        RateLimitEvent.objects.filter(scope__in=digests, at__lt=now - timedelta(days=1)).delete()
        for scope, digest in digests.items():
            if RateLimitEvent.objects.filter(scope=scope, digest=digest, at__gte=now - window).count() >= limit:
                return False
        RateLimitEvent.objects.bulk_create(
            [RateLimitEvent(scope=scope, digest=digest, at=now) for scope, digest in digests.items()]
        )
    return True


def password_reset_allow(*, email: str, address: str | None) -> bool:
    """A password reset may be mailed: fewer than PASSWORD_RESET_LIMIT asked from this address and for this account."""
    return rate_limit_allow(
        keys={"password-reset-address": address or "", "password-reset-account": normalise_username(email) or ""},
        limit=settings.PASSWORD_RESET_LIMIT,
        window=settings.PASSWORD_RESET_WINDOW,
    )
