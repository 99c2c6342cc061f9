"""Who may do what with the Cité's indicators: compare, import past figures, have reports made."""

from citemetiers.accounts.roles import Role


def can_compare_with_network(membership) -> bool:
    """Coordinators see where their Cité stands against the network's figures."""
    return membership.has_role(Role.COORDINATOR)


def can_import_history(membership) -> bool:
    """Coordinators bring in the monthly figures their Cité kept before the platform."""
    return membership.has_role(Role.COORDINATOR)


def can_make_reports(membership) -> bool:
    """Coordinators have the Cité's annual activity report made and download it."""
    return membership.has_role(Role.COORDINATOR)
