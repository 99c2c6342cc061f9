from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RostersConfig(AppConfig):
    name = "citemetiers.rosters"
    label = "rosters"
    verbose_name = _("Duty rosters")

    def ready(self):
        # Reception reads who is on duty through its own registry: rosters, above it, fills it.
        from citemetiers.reception import duty
        from citemetiers.rosters import selectors

        duty.provide(on_duty_by_area=selectors.advisers_on_duty_by_area, shift_now=selectors.duty_place_now)
