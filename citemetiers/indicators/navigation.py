"""The Indicators workspace of a Cité and the network's Comparison workspace."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("indicators", _("Indicators"), area=navigation.CENTRE, order=40)
navigation.entry(
    "indicators",
    "indicators:dashboard",
    _("Indicators"),
    order=10,
    pages=("indicators:dashboard_csv", "indicators:dashboard_xlsx"),
)
navigation.entry(
    "indicators",
    "indicators:comparison",
    _("Comparison with the network"),
    order=20,
    pages=("indicators:comparison_csv", "indicators:comparison_xlsx", "indicators:comparison_json"),
)
navigation.entry(
    "indicators", "indicators:reports", _("Activity reports"), order=30, pages=("indicators:report_download",)
)
navigation.entry("indicators", "indicators:import", _("Import historical figures"), order=40)
navigation.entry(
    "indicators",
    "indicators:service_orientations",
    _("Orientations to services"),
    order=50,
    pages=("indicators:service_orientations_csv",),
)

navigation.workspace("network_comparison", _("Comparison"), area=navigation.NETWORK, order=30)
navigation.entry(
    "network_comparison",
    "network_indicators:network_comparison",
    _("Indicators of the network"),
    order=10,
    pages=(
        "network_indicators:network_comparison_csv",
        "network_indicators:network_comparison_xlsx",
        "network_indicators:network_comparison_json",
    ),
)
