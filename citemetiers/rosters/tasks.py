"""Background tasks of the rosters: computing the planner's proposals, and finding those abandoned."""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from citemetiers.centres.background import run_for_centre
from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.core.background import jobs_requeue_stale
from citemetiers.core.schedule import periodic
from citemetiers.rosters.models import Proposal
from citemetiers.rosters.planning import proposal_run

# A proposal still "being computed" after this long was abandoned by a worker that stopped: the
# solver searches for ROSTER_SOLVER_SECONDS (10 s by default), far less than this.
STALE_AFTER = timedelta(minutes=10)


@task()
def proposal_compute(*, proposal_id: int, centre_id: int) -> str | None:
    """Compute a proposal asked for in a Cité; returns its status (None if another worker took it)."""
    with run_for_centre(centre_id) as centre:
        proposal = proposal_run(proposal_id, centre=centre)
    return None if proposal is None else proposal.status


@periodic(every=timedelta(minutes=5))
@task()
def proposals_requeue_stale() -> list[int]:
    """Enqueue again the proposals a dead worker left behind, or whose task was lost (core/background.py)."""
    with all_centres_maintenance():
        # One sweep over every Cité's jobs finds the abandoned ones; each is then made in its own scope.
        pks = jobs_requeue_stale(Proposal, after=STALE_AFTER)
        stale = list(Proposal.objects.filter(pk__in=pks).values_list("pk", "centre_id"))
    for proposal_id, centre_id in stale:
        proposal_compute.enqueue(proposal_id=proposal_id, centre_id=centre_id)
    return pks
