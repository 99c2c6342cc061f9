"""The Territory workspace of a Cité: the directory of its territory's services."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("territory", _("Territory"), area=navigation.CENTRE, order=65)
navigation.entry(
    "territory",
    "territory:directory",
    _("Directory of services"),
    order=10,
    pages=(
        "territory:service",
        "territory:map_data",
        "territory:structure_new",
        "territory:structure_edit",
        "territory:service_new",
        "territory:service_edit",
    ),
)
navigation.entry("territory", "territory:map", _("Map of the services"), order=20)
navigation.entry(
    "territory", "territory:saved_searches", _("My saved searches"), order=25, pages=("territory:saved_search_delete",)
)
navigation.entry(
    "territory",
    "territory:diagnostic",
    _("Territorial diagnostic"),
    order=28,
    pages=("territory:diagnostic_import_new", "territory:diagnostic_import"),
)
navigation.entry("territory", "territory:to_update", _("Services to update"), order=30)
navigation.entry("territory", "territory:import_new", _("Import the directory"), order=40, pages=("territory:import",))
