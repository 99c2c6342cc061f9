"""The network school's workspace: its editions and archive, and one's own contributions."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("school", _("School"), area=navigation.NETWORK, order=40)
navigation.entry(
    "school",
    "school:list",
    _("Editions"),
    order=10,
    pages=(
        "school:create",
        "school:edition",
        "school:manage",
        "school:call",
        "school:register",
        "school:reviews",
        "school:decisions",
        "school:programme_ics",
        "school:programme_pdf",
        "school:contributions_csv",
        "school:contributions_xlsx",
        "school:agenda",
        "school:agenda_ics",
        "school:cancel",
        "school:certificate",
        "school:attendance",
        "school:material",
        "school:co_author",
    ),
)
navigation.entry("school", "school:my_contributions", _("My contributions"), order=20)
