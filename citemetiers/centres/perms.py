"""Who may do what in a Cité. Roles grant capabilities; they are not ranks."""

from citemetiers.accounts.roles import Role


def is_member(membership) -> bool:
    """Every member of the Cité's team sees its home page and its shared information."""
    return membership is not None and membership.is_active


def can_edit_profile(membership) -> bool:
    """Coordinators keep the Cité's profile, opening hours and languages up to date."""
    return membership.has_role(Role.COORDINATOR)


def can_manage_advice_areas(membership) -> bool:
    """Coordinators and logistics staff organise the advice areas and their queues."""
    return membership.has_role(Role.COORDINATOR, Role.LOGISTICS)


def can_manage_members(membership) -> bool:
    """Coordinators welcome people into the team and set their roles."""
    return membership.has_role(Role.COORDINATOR)


def can_manage_partnerships(membership) -> bool:
    """Coordinators and partnerships staff keep partner organisations and agreements."""
    return membership.has_role(Role.COORDINATOR, Role.PARTNERSHIPS)


def can_view_audit_log(membership) -> bool:
    """Coordinators answer for the Cité's data and can see who changed what."""
    return membership.has_role(Role.COORDINATOR)


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


def can_compare_with_network(membership) -> bool:
    """Coordinators see where their Cité stands against the network's figures."""
    return membership.has_role(Role.COORDINATOR)


def can_import_history(membership) -> bool:
    """Coordinators bring in the monthly figures their Cité kept before the platform."""
    return membership.has_role(Role.COORDINATOR)


def can_make_reports(membership) -> bool:
    """Coordinators have the Cité's annual activity report made and download it."""
    return membership.has_role(Role.COORDINATOR)
