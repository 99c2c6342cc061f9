from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Holds the seed_demo command; no models, no pages."""

    name = "citemetiers.demo"
    label = "demo"
