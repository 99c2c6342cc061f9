"""Run one piece of work in several threads released together, each on its own database connection:
the PostgreSQL concurrency tests of events, the school and labelling use it to prove their row locks."""

import contextvars
import threading

from django.db import connections

JOIN_TIMEOUT = 120


def run_at_once(work, count) -> list:
    """Run work(i) for i in range(count), in `count` threads released together; returns, per thread
    in order, what work returned or the exception it raised (a refusal may be the point of a test)."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def target(index):
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as error:  # kept with the results: the caller says which are expected
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=contextvars.copy_context().run, args=(target, i)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    stuck = [index for index, thread in enumerate(threads) if thread.is_alive()]
    assert not stuck, f"threads {stuck} still running after {JOIN_TIMEOUT} s (a lock never released?)"
    return outcomes


def raised(outcomes) -> list[Exception]:
    """The exceptions among the outcomes of run_at_once."""
    return [outcome for outcome in outcomes if isinstance(outcome, Exception)]
