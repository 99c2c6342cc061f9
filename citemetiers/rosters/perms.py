"""Who may do what with the duty rosters."""

from citemetiers.accounts.roles import Role


def can_plan_rosters(membership) -> bool:
    """Logistics staff and coordinators set up desks, plan the rosters and publish them."""
    return membership.has_role(Role.LOGISTICS, Role.COORDINATOR)


def can_follow_partnerships(membership) -> bool:
    """Partnerships staff and coordinators compare committed, planned and served hours per partner."""
    return membership.has_role(Role.PARTNERSHIPS, Role.COORDINATOR)


def can_set_availability(membership, person) -> bool:
    """An adviser says when they can be on duty; the planners say it for any adviser of the Cité."""
    return can_plan_rosters(membership) or (membership.pk == person.pk and membership.has_role(Role.ADVISER))
