"""The roster's parts of the Cité's home: an adviser's next duties, the proposals waiting to be published."""

from datetime import timedelta

from django.utils import timezone

from citemetiers.core import homes
from citemetiers.reception import perms as reception_perms
from citemetiers.rosters import perms
from citemetiers.rosters.models import Proposal, ProposalStatus, Shift

# Today and the rest of the week: what an adviser plans around.
DUTIES_AHEAD_DAYS = 6


def _my_duties(request) -> dict:
    today = timezone.localdate()
    shifts = (
        Shift.objects.for_centre(request.centre)
        .filter(membership=request.membership, date__range=(today, today + timedelta(days=DUTIES_AHEAD_DAYS)))
        .select_related("area", "desk")
        .order_by("date", "slot")
    )
    return {"shifts": list(shifts), "today": today}


def _proposals(request) -> dict:
    ready = Proposal.objects.for_centre(request.centre).filter(status=ProposalStatus.DONE).order_by("starts_on")
    return {"proposals": list(ready)}


homes.panel(
    "my_duties",
    order=15,
    template="rosters/home/my_duties.html",
    applies=reception_perms.can_advise,
    context=_my_duties,
)
homes.panel(
    "proposals_to_publish",
    order=40,
    template="rosters/home/proposals.html",
    applies=perms.can_plan_rosters,
    context=_proposals,
)
