"""Work started in a thread of the app server when JOBS_IN_PROCESS is on (reports, roster proposals)."""

import contextvars
import threading
from collections.abc import Callable

from django.db import close_old_connections


def start_in_thread(run: Callable[[int], object], pk: int, *, name: str) -> None:
    """Run `run(pk)` in a daemon thread; its database connection is closed when it ends."""

    def work():
        try:
            run(pk)
        finally:
            close_old_connections()

    # The thread runs in the caller's context, hence in the Cité's scope of the request that asked
    # for the work (a new thread would otherwise start outside any scope, where tenant queries raise).
    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(work,), name=f"{name}-{pk}", daemon=True).start()
