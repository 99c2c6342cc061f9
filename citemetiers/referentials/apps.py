from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferentialsConfig(AppConfig):
    name = "citemetiers.referentials"
    label = "referentials"
    verbose_name = _("Occupation referentials")
