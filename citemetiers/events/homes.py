"""The events' part of the Cité's home: today's workshops, for reception to send visitors to them."""

from citemetiers.core import homes
from citemetiers.events import perms, selectors


def _today(request) -> dict:
    return {"sessions": list(selectors.sessions_today(centre=request.centre))}


homes.panel(
    "events_today",
    order=15,
    template="events/home/today.html",
    applies=perms.can_register_visitors,
    context=_today,
)
