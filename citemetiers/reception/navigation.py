"""The Reception and Advice workspaces, and the reception's part of the Settings."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("reception", _("Reception"), area=navigation.CENTRE, order=10)
navigation.entry(
    "reception",
    "reception:console",
    _("Reception console"),
    order=10,
    pages=("reception:queues", "reception:ticket_print", "reception:ticket_cancel", "reception:ticket_move"),
)
navigation.entry("reception", "reception:day_close", _("Day summary"), order=20, pages=("reception:day_close_confirm",))

navigation.workspace("advice", _("Advice"), area=navigation.CENTRE, order=20)
navigation.entry(
    "advice",
    "reception:adviser",
    _("Adviser console"),
    order=10,
    pages=("reception:adviser_panel", "reception:interview"),
)

# The settings of the queues belong with the Cité's other settings, where coordinators look for them.
navigation.entry(
    "settings", "reception:areas", _("Advice areas"), order=30, pages=("reception:area_add", "reception:area_edit")
)
navigation.entry(
    "settings",
    "reception:themes",
    _("Interview themes"),
    order=35,
    pages=("reception:theme_add", "reception:theme_edit"),
)
navigation.entry("settings", "reception:screens", _("Reception settings"), order=40)
