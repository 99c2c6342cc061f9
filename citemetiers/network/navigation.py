"""The network's own workspace."""

from django.utils.translation import gettext_lazy as _

from citemetiers.core import navigation

navigation.workspace("network", _("Network"), area=navigation.NETWORK, order=10)
navigation.entry("network", "network:home", _("Network"), order=10)
navigation.entry("network", "network:centre_add", _("Open a new Cité"), order=20)
