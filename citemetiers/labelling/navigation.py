"""The network's labelling workspace, and the Cité's own application in its settings."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("labelling", _("Labelling"), area=navigation.NETWORK, order=50)
navigation.entry(
    "labelling",
    "labelling:board",
    _("Applications"),
    order=10,
    pages=(
        "labelling:application_add",
        "labelling:application",
        "labelling:application_action",
        "labelling:evidence",
    ),
)
navigation.entry("labelling", "labelling:reviews", _("My reviews"), order=20, pages=("labelling:review_evidence",))
navigation.entry(
    "settings",
    "labelling_centre:mine",
    _("Our label"),
    order=95,
    pages=("labelling_centre:evidence", "labelling_centre:mentee", "labelling_centre:mentee_evidence"),
)
