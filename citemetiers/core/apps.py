from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "citemetiers.core"
    label = "core"
    verbose_name = _("Shared tools")

    def ready(self):
        # Every app's `tasks.py` declares its periodic tasks (core/schedule.py): import them all, so
        # that `run_scheduled` and the worker know the whole schedule without core naming any app.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
