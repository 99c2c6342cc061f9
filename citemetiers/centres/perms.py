"""Who may do what with the Cité itself: its profile, team, partners and audit log.

Roles grant capabilities; they are not ranks. Each app above keeps its own predicates in its perms.py
(reception, indicators, library, rosters, network).
"""

from citemetiers.accounts.roles import Role


def is_member(membership) -> bool:
    """Every member of the Cité's team sees its home page and its shared information."""
    return membership is not None and membership.is_active


def can_edit_profile(membership) -> bool:
    """Coordinators keep the Cité's profile, opening hours and languages up to date."""
    return membership.has_role(Role.COORDINATOR)


def can_manage_members(membership) -> bool:
    """Coordinators welcome people into the team and set their roles."""
    return membership.has_role(Role.COORDINATOR)


def can_manage_partnerships(membership) -> bool:
    """Coordinators and partnerships staff keep partner organisations and agreements."""
    return membership.has_role(Role.COORDINATOR, Role.PARTNERSHIPS)


def can_view_audit_log(membership) -> bool:
    """Coordinators answer for the Cité's data and can see who changed what."""
    return membership.has_role(Role.COORDINATOR)
