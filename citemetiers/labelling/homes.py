"""Labelling's part of the network staff's home: the applications before the commission for the
network's coordinators, the reports still to write for an evaluator (`network/homes.py`)."""

from citemetiers.labelling import perms, selectors
from citemetiers.network import homes as network_homes


def _commission(request) -> dict:
    return {"applications": selectors.before_the_commission()}


network_homes.panel(
    "labelling_commission",
    order=20,
    template="labelling/network_home/commission.html",
    applies=perms.can_follow_labelling,
    context=_commission,
)


def _reviews(request) -> dict:
    return {"to_write": selectors.reports_to_write(request.user)}


network_homes.panel(
    "labelling_reviews",
    order=25,
    template="labelling/network_home/reviews.html",
    applies=perms.can_evaluate,
    context=_reviews,
)
