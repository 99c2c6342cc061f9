from django import template

from citemetiers.territory.hours import is_open_now

register = template.Library()


@register.filter
def open_now(service, time_zone: str) -> bool | None:
    """Whether the service is open now in the Cité's time zone (None: its hours are unknown)."""
    # The card's history may not name the Cité in its context: the service knows its own.
    return is_open_now(service.hours, timezone=time_zone or service.centre.time_zone)
