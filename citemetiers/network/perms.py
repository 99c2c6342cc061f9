"""Who may use the network area."""

from citemetiers.accounts.roles import NetworkRole


def is_network_staff(user) -> bool:
    """Network coordinators and label evaluators see the network of Cités."""
    return any(role in user.network_roles for role in NetworkRole.values)


def can_manage_centres(user) -> bool:
    """Network coordinators open new Cités on the platform and give them a first coordinator."""
    return NetworkRole.NETWORK_COORDINATOR in user.network_roles


def can_compare_cites(user) -> bool:
    """Network coordinators compare every Cité's shared indicators, Cité by Cité."""
    return NetworkRole.NETWORK_COORDINATOR in user.network_roles


def can_follow_activity_reports(user) -> bool:
    """Network staff see which Cités have made their annual activity report (never its content):
    labels are renewed on the year's figures."""
    return is_network_staff(user)
