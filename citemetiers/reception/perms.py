"""Object-level rules of the reception: which visitor's ticket, which interview, a member may act on.

The role predicates (who may check in, who may advise) live in citemetiers/centres/perms.py; these
ones look at the object too, and the services check them whoever calls.
"""

from __future__ import annotations

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Membership
from citemetiers.reception.models import Interview, Ticket, TicketStatus


def membership_of(user, centre_id: int) -> Membership | None:
    """The active membership of a person in a Cité, or None."""
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.active().filter(user=user, centre_id=centre_id).first()


def can_act_on_ticket(membership, ticket: Ticket) -> bool:
    """The adviser who called a visitor acts on their ticket; any other adviser of the Cité may take
    over a ticket that is only called (the visitor not yet received), and the take-over is logged."""
    if membership is None or membership.centre_id != ticket.centre_id:
        return False
    if ticket.adviser_id is not None and ticket.adviser_id == membership.user_id:
        return True
    return ticket.status == TicketStatus.CALLED and membership.has_role(Role.ADVISER)


def is_take_over(membership, ticket: Ticket) -> bool:
    """Acting on a ticket that another adviser called makes it one's own."""
    return ticket.adviser_id != membership.user_id


def can_record_interview(membership, ticket: Ticket) -> bool:
    """The adviser who received the visitor records their interview; a coordinator may too."""
    if membership is None or membership.centre_id != ticket.centre_id:
        return False
    if membership.has_role(Role.COORDINATOR):
        return True
    return membership.has_role(Role.ADVISER) and ticket.adviser_id in (None, membership.user_id)


def can_edit_interview(membership, interview: Interview) -> bool:
    """Only the adviser who held the interview and the Cité's coordinators change its notes and answers."""
    if membership is None or membership.centre_id != interview.centre_id:
        return False
    return interview.adviser_id == membership.user_id or membership.has_role(Role.COORDINATOR)
