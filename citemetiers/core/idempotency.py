"""One thing done per form: idempotency keys for the state-changing forms of the consoles and the kiosk.

Each such form carries a hidden random key (`{% idempotency_field %}`). The first POST with a key records
it, in the same transaction as the write it guards, with the address it answered with; a second POST
with the same key does nothing and answers with that address again. Two POSTs racing on two app-server
processes meet on the key's unique constraint: the second waits for the first to commit, then replays.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from citemetiers.core.models import IdempotencyKey

FIELD = "idempotency_key"
# A day covers any double click or resent request; the nightly closing removes older keys.
KEEP_FOR = timedelta(days=1)
# What new_key() makes; anything else a client sends (too long, NUL bytes…) is ignored, not an error.
_VALID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def new_key() -> str:
    return secrets.token_urlsafe(16)


def _posted_key(request) -> str | None:
    key = request.POST.get(FIELD, "")
    return key if _VALID.fullmatch(key) else None


def _replay(centre, key: str, stale=None):
    done = IdempotencyKey.objects.filter(centre=centre, key=key).values_list("response_target", "created_at").first()
    if done is None:
        return None
    target, created_at = done
    if stale is not None and created_at < timezone.now() - stale[0]:
        target = stale[1]
    return HttpResponseRedirect(target)


def idempotent(view=None, *, centre_of=None, stale_replay=None):
    """Run a POST view at most once per idempotency key of its Cité.

    The view runs inside a transaction that also records the key; a redirect is remembered and replayed
    to a second POST with the key. Any other answer (the form again with its errors) records nothing, so
    the visitor can correct the form and send it with the same key. `centre_of(request, **kwargs)` gives
    the Cité of a public view; a Cité's own pages have `request.centre`. `stale_replay(request, **kwargs)`
    gives (age, address): a replay of a key older than that age goes to that address instead (a shared
    kiosk, where the next visitor's "Back" must not bring up the previous visitor's ticket).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            key = _posted_key(request) if request.method == "POST" else None
            if key is None:
                return view(request, *args, **kwargs)
            centre = centre_of(request, *args, **kwargs) if centre_of else request.centre
            stale = stale_replay(request, *args, **kwargs) if stale_replay else None
            replay = _replay(centre, key, stale)
            if replay is not None:
                return replay
            try:
                with transaction.atomic():
                    # First statement of the transaction: a concurrent twin blocks here until we commit.
                    record = IdempotencyKey.objects.create(centre=centre, key=key)
                    response = view(request, *args, **kwargs)
                    if isinstance(response, HttpResponseRedirect):
                        record.response_target = response["Location"]
                        record.save(update_fields=["response_target"])
                    else:
                        record.delete()
            except IntegrityError:
                replay = _replay(centre, key, stale)
                if replay is None:
                    raise
                return replay
            return response

        return wrapped

    return decorator(view) if view is not None else decorator


def idempotency_keys_purge(*, now: datetime | None = None) -> int:
    """Forget the keys older than a day (the nightly closing calls this)."""
    now = now or timezone.now()
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lt=now - KEEP_FOR).delete()
    return deleted
