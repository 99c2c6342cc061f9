"""The parts of a Cité's home page, each contributed by the app that owns its data.

Each app declares in its own `homes.py` a panel: to whom it applies (a predicate of the app's own
perms.py), a template and a function reading what the panel shows. The home page renders the
panels that apply, in order, so that every person finds their day first — and `centres`, which
holds the page, needs to import none of the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    template: str
    applies: Callable  # (membership) -> bool
    context: Callable  # (request) -> dict


_panels: dict[str, Panel] = {}
_collected = False


def panel(key: str, *, order: int, template: str, applies: Callable, context: Callable) -> None:
    _panels[key] = Panel(key, order, template, applies, context)


def panels() -> list[Panel]:
    global _collected
    if not _collected:
        _collected = True
        autodiscover_modules("homes")
    return sorted(_panels.values(), key=lambda item: (item.order, item.key))


def panels_for(request) -> list[dict]:
    """The panels of this member's home, each with its template and what it shows."""
    membership = request.membership
    return [
        {"key": item.key, "template": item.template, **item.context(request)}
        for item in panels()
        if item.applies(membership)
    ]
