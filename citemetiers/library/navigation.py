"""The Library workspace of a Cité and the network's."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("library", _("Library"), area=navigation.CENTRE, order=50)
navigation.entry(
    "library",
    "library:search",
    _("Library"),
    order=10,
    pages=(
        "library:compare",
        "library:resource",
        "library:resource_edit",
        "library:translation_edit",
        "library:file",
        "library:versions",
        "library:version",
        "library:evaluate",
        "library:adopt",
    ),
)
navigation.entry("library", "library:resource_add", _("Share a resource"), order=20)

navigation.workspace("network_library", _("Library"), area=navigation.NETWORK, order=20)
navigation.entry(
    "network_library",
    "network_library:search",
    _("Library of the network"),
    order=10,
    pages=("network_library:resource", "network_library:file"),
)
