"""Who may do what with a Cité's events."""

from __future__ import annotations

from citemetiers.accounts.roles import Role


def can_manage_events(membership) -> bool:
    """Coordinators, logistics staff and advisers plan the Cité's events and their recurring workshops."""
    return membership.has_role(Role.COORDINATOR, Role.LOGISTICS, Role.ADVISER)


def can_register_visitors(membership) -> bool:
    """Reception agents and the people who run events register visitors and check them in at the door."""
    return membership.has_role(Role.RECEPTION, Role.COORDINATOR, Role.LOGISTICS, Role.ADVISER)
