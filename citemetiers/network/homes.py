"""The parts of the network staff's home, each contributed by the app that owns its data.

As `core/homes.py` does for a Cité's home: an app above `network` declares, in its own `homes.py`,
a panel — to whom it applies (a predicate on the user, from that app's perms), a template and a
function reading what it shows (under the network's scope, so only what the network shares) — and
the network home renders those that apply, without importing the apps that fill it.
"""

from __future__ import annotations

from django.utils.module_loading import autodiscover_modules

from citemetiers.core.homes import Panel

_panels: dict[str, Panel] = {}
_collected = False


def panel(key: str, *, order: int, template: str, applies, context) -> None:
    """Declare a panel of the network home: `applies(user) -> bool`, `context(request) -> dict`."""
    _panels[key] = Panel(key, order, template, applies, context)


def panels() -> list[Panel]:
    global _collected
    if not _collected:
        _collected = True
        autodiscover_modules("homes")
    return sorted(_panels.values(), key=lambda item: (item.order, item.key))


def panels_for(request) -> list[dict]:
    """The panels of this person's network home, each with its template and what it shows."""
    return [
        {"key": item.key, "template": item.template, **item.context(request)}
        for item in panels()
        if item.applies(request.user)
    ]
