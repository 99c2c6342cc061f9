"""Run one piece of work in several threads released together, each on its own database connection:
the PostgreSQL concurrency tests of events and the school use it to prove their row locks."""

import contextvars
import threading

from django.db import connections


def run_at_once(work, count):
    barrier = threading.Barrier(count)
    errors = []

    def target(index):
        try:
            barrier.wait()
            work(index)
        except Exception as error:  # reported below with the others
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=contextvars.copy_context().run, args=(target, i)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
