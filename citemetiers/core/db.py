"""Running a write again when the database aborted it only because of another transaction."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from citemetiers.core.errors import DomainError

logger = logging.getLogger(__name__)

# PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back whole
# and the same work, done again, will most likely succeed.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})

P = ParamSpec("P")
R = TypeVar("R")


class Contention(DomainError):
    """The database refused a write twice because of concurrent ones: the person may simply try again."""


def is_retryable(error: Exception) -> bool:
    return getattr(error.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES


def retry_on_deadlock(function: Callable[P, R]) -> Callable[P, R]:
    """Run a service that opens its own transaction once more after a deadlock or a serialization
    failure; when that fails too, raise a Contention the form shows instead of a server error.

    Inside a caller's transaction (a console's form runs in the one that records its idempotency key)
    each attempt is a savepoint: PostgreSQL undoes the failed attempt alone and the caller's transaction
    goes on, so the retry still happens there."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        attempts = 2
        for attempt in range(1, attempts + 1):
            try:
                with transaction.atomic():
                    return function(*args, **kwargs)
            except OperationalError as error:
                if not is_retryable(error):
                    raise
                if attempt == attempts:
                    message = _(
                        "Too many people are being recorded at this very moment: nothing was saved. Please try again."
                    )
                    raise Contention(message) from error
                logger.warning("%s: %s, trying once more", function.__qualname__, error.__cause__.sqlstate)
        raise AssertionError("unreachable")  # pragma: no cover

    return run
