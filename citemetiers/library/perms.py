"""Who may do what in the network library."""

from citemetiers.accounts.roles import Role


def can_contribute_to_library(membership) -> bool:
    """Advisers, coordinators and back-office staff write, evaluate and adopt the network's resources."""
    return membership.has_role(Role.ADVISER, Role.COORDINATOR, Role.LOGISTICS, Role.PARTNERSHIPS)


def can_edit_resource(membership, resource) -> bool:
    """Contributors of the Cité that wrote a resource change it, its texts, files and links; the other
    Cités evaluate and adopt it."""
    if membership is None or not membership.is_active or membership.centre_id != resource.centre_id:
        return False
    return can_contribute_to_library(membership)
