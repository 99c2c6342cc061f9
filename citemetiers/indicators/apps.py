from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "citemetiers.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        # Reception and the events (lower layers) announce their changed days; the indicators mark them
        # for the refresh.
        from citemetiers.events.signals import session_day_changed
        from citemetiers.indicators.services import day_mark_changed
        from citemetiers.reception.signals import day_changed

        def mark(sender, *, centre_id, day, **kwargs):
            day_mark_changed(centre_id=centre_id, day=day)

        day_changed.connect(mark, dispatch_uid="indicators.day_mark_changed", weak=False)
        session_day_changed.connect(mark, dispatch_uid="indicators.session_day_mark_changed", weak=False)
