"""The Cité's Settings workspace (declared here, the other apps add their settings to it)."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("settings", _("Settings"), area=navigation.CENTRE, order=90)
navigation.entry("settings", "centres:profile", _("Profile of the Cité"), order=10)
navigation.entry("settings", "centres:closures", _("Holidays and closures"), order=20)
navigation.entry(
    "settings", "centres:members", _("Team"), order=50, pages=("centres:member_add", "centres:member_edit")
)
navigation.entry(
    "settings",
    "centres:organisations",
    _("Partners"),
    order=60,
    pages=(
        "centres:organisation_add",
        "centres:organisation_edit",
        "centres:partnership_add",
        "centres:partnership_edit",
    ),
)
navigation.entry("settings", "centres:audit", _("Audit log"), order=90)
