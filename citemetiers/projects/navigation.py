"""The Working together workspace (shared with the working groups) and the network's projects."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("together", _("Working together"), area=navigation.CENTRE, order=60)
navigation.entry(
    "together",
    "projects:list",
    _("Projects"),
    order=10,
    pages=(
        "projects:create",
        "projects:detail",
        "projects:edit",
        "projects:objective_add",
        "projects:objective_edit",
        "projects:objective_value",
        "projects:milestone_add",
        "projects:milestone_toggle",
        "projects:project_task_add",
    ),
)
navigation.entry(
    "together",
    "projects:my_tasks",
    _("My tasks"),
    order=20,
    pages=(
        "projects:task_add",
        "projects:task_status",
        "projects:feed_regenerate",
        "projects:tasks_csv",
        "projects:tasks_xlsx",
    ),
)

navigation.workspace("network_together", _("Working together"), area=navigation.NETWORK, order=60)
navigation.entry("network_together", "network_projects:list", _("Projects of the network"), order=10)
