"""Who may do what with projects and tasks."""

from citemetiers.accounts.roles import Role


def can_view_projects(membership) -> bool:
    """Every member of a Cité's staff reads the projects it sees and their own tasks."""
    return membership is not None and membership.is_active


def can_create_project(membership) -> bool:
    """Coordinators and back-office staff start projects; advisers take part in them."""
    return can_view_projects(membership) and membership.has_role(Role.COORDINATOR, Role.PARTNERSHIPS, Role.LOGISTICS)


def can_edit_project(membership, project) -> bool:
    """The project's lead (from whichever of their Cités they look), or a coordinator of the Cité that
    leads it, changes it, its objectives and milestones."""
    if not can_view_projects(membership):
        return False
    if project.lead_id == membership.pk or project.lead.user_id == membership.user_id:
        return True
    return membership.centre_id == project.centre_id and membership.has_role(Role.COORDINATOR)


def can_create_task(membership) -> bool:
    """Any member of the staff writes down an action item, for themselves or a colleague."""
    return can_view_projects(membership)


def can_update_task(membership, task) -> bool:
    """The task's owner moves it on; so do a coordinator of its Cité and its project's lead."""
    if not can_view_projects(membership):
        return False
    if task.owner_id == membership.pk or task.owner.user_id == membership.user_id:
        return True
    if task.project_id is not None and task.project.lead_id == membership.pk:
        return True
    return membership.centre_id == task.centre_id and membership.has_role(Role.COORDINATOR)
