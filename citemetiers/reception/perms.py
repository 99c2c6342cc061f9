"""Who may do what at the reception: the role predicates (who checks in, who advises), then the
object-level rules (which visitor's ticket, which interview a member may act on), which the services
check too, whoever calls.
"""

from __future__ import annotations

from citemetiers.accounts.roles import Role
from citemetiers.reception.models import Interview, Ticket, TicketStatus


def can_manage_advice_areas(membership) -> bool:
    """Coordinators and logistics staff organise the advice areas and their queues."""
    return membership.has_role(Role.COORDINATOR, Role.LOGISTICS)


def can_check_in(membership) -> bool:
    """Reception agents greet visitors, issue tickets and keep the queues moving."""
    return membership.has_role(Role.RECEPTION)


def can_advise(membership) -> bool:
    """Advisers call visitors of the areas they cover and record their interviews."""
    return membership.has_role(Role.ADVISER)


def can_manage_themes(membership) -> bool:
    """Coordinators and logistics staff keep the list of interview themes."""
    return membership.has_role(Role.COORDINATOR, Role.LOGISTICS)


def can_manage_screens(membership) -> bool:
    """Coordinators hold the secret addresses of the kiosk and the waiting-room display."""
    return membership.has_role(Role.COORDINATOR)


def can_close_day(membership) -> bool:
    """Reception agents and coordinators close the day and read its summary."""
    return membership.has_role(Role.RECEPTION, Role.COORDINATOR)


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
