"""Who may do what in the network library."""

from citemetiers.accounts.roles import Role


def can_contribute_to_library(membership) -> bool:
    """Advisers, coordinators and back-office staff write, evaluate and adopt the network's resources."""
    return membership.has_role(Role.ADVISER, Role.COORDINATOR, Role.LOGISTICS, Role.PARTNERSHIPS)
