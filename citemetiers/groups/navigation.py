"""The Working together workspace (shared with projects): working groups and the decisions register."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("together", _("Working together"), area=navigation.CENTRE, order=60)
navigation.entry(
    "together",
    "groups:list",
    _("Working groups"),
    order=30,
    pages=(
        "groups:detail",
        "groups:meeting",
        "groups:feed_regenerate",
        "groups:group_feed_regenerate",
        "groups:series_create",
        "groups:series",
        "groups:attendance",
        "groups:minutes",
        "groups:minutes_step",
        "groups:minutes_correct",
        "groups:minutes_pdf",
        "groups:minutes_odt",
        "groups:poll_create",
        "groups:poll",
        "groups:poll_close",
    ),
)
navigation.entry(
    "together", "groups:decisions", _("Decisions"), order=40, pages=("groups:decisions_csv", "groups:decisions_xlsx")
)
# The workspace is declared by projects/navigation.py; the network's groups take their place in it.
navigation.workspace("network_together", _("Working together"), area=navigation.NETWORK, order=60)
navigation.entry("network_together", "network_groups:list", _("Groups of the network"), order=20)
