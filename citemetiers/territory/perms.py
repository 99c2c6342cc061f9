"""Who may do what with the territory's directory."""

from citemetiers.accounts.roles import Role


def can_edit_directory(membership) -> bool:
    """Coordinators and partnerships staff keep the directory, as they keep the partners it lists."""
    return membership.has_role(Role.COORDINATOR, Role.PARTNERSHIPS)
