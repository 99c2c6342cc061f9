"""Who may do what with the duty rosters."""

from citemetiers.accounts.roles import Role


def can_plan_rosters(membership) -> bool:
    """Logistics staff and coordinators set up desks, plan the rosters and publish them."""
    return membership.has_role(Role.LOGISTICS, Role.COORDINATOR)


def can_follow_partnerships(membership) -> bool:
    """Partnerships staff and coordinators compare committed, planned and served hours per partner."""
    return membership.has_role(Role.PARTNERSHIPS, Role.COORDINATOR)
