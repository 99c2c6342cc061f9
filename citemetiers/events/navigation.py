"""The Events workspace of a Cité: its sessions, recurring workshops and event types."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("events", _("Events"), area=navigation.CENTRE, order=55)
navigation.entry(
    "events",
    "events:list",
    _("Sessions"),
    order=10,
    pages=(
        "events:session",
        "events:session_new",
        "events:session_edit",
        "events:session_cancel",
        "events:register",
        "events:door",
        "events:head_count",
        "events:slip",
        "events:ics",
        "events:csv",
        "events:xlsx",
    ),
)
navigation.entry("events", "events:template_new", _("New recurring workshop"), order=20)
navigation.entry("events", "events:types", _("Event types"), order=30)
