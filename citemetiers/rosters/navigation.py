"""The Team and rosters workspace, and the adviser's own availability in the Advice workspace."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("rosters", _("Team and rosters"), area=navigation.CENTRE, order=30)
navigation.entry("rosters", "rosters:roster", _("Duty roster"), order=10)
navigation.entry("rosters", "rosters:mine", _("My roster"), order=20)
navigation.entry(
    "rosters",
    "rosters:planner",
    _("Planner"),
    order=30,
    pages=("rosters:proposal", "rosters:proposal_publish", "rosters:shift_remove"),
)
navigation.entry("rosters", "rosters:team", _("Advisers' availability"), order=40, pages=("rosters:availability",))
navigation.entry("rosters", "rosters:desks", _("Desks"), order=50, pages=("rosters:desk_add", "rosters:desk_edit"))
navigation.entry("rosters", "rosters:partners", _("Partnership follow-up"), order=60)

# An adviser gives their availability where they work; the planners read it in Team and rosters.
navigation.entry("advice", "rosters:my_availability", _("My availability and absences"), order=20)
