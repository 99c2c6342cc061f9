"""The Working together workspace (shared with projects): working groups and the decisions register."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("together", _("Working together"), area=navigation.CENTRE, order=60)
navigation.entry("together", "groups:list", _("Working groups"), order=30, pages=("groups:detail", "groups:meeting"))
navigation.entry("together", "groups:decisions", _("Decisions"), order=40)
