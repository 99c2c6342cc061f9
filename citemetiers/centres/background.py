"""The one place where a background task enters a Cité: every task's body runs inside it.

A task receives ids, never model instances (its arguments are stored as JSON and may be read by a
worker on another machine, long after); it loads its Cité here, and loads its own records through
that Cité, so that a record of another Cité is not found.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import centre_scope


@contextmanager
def run_for_centre(centre_id: int) -> Iterator[Centre]:
    """Run a task's body for one Cité: yields the Cité, raises Centre.DoesNotExist if it is gone.

    The body runs in the Cité's scope (centres/tenancy.py): a worker starts outside any scope, where a
    query of tenant data raises, so no task can read another Cité's records by mistake.
    """
    centre = Centre.objects.get(pk=centre_id)
    with centre_scope(centre):
        yield centre
