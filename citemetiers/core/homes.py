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
    applies: Callable  # (subject) -> bool, the subject being what the registry reads off the request
    context: Callable  # (request) -> dict


_collected = False


def _collect() -> None:
    # Once per process, whichever registry asks first: each app's homes.py fills every registry
    # it declares panels in, and looking for absent modules on every request would cost.
    global _collected
    if not _collected:
        _collected = True
        autodiscover_modules("homes")


class PanelRegistry:
    """The panels of one kind of home, and what their `applies` predicate is asked about.

    A Cité's home asks about the membership (roles are per Cité), the network's about the user
    (network staff have no membership): one registry class, told which, serves both.
    """

    def __init__(self, *, subject: Callable) -> None:
        self._subject = subject  # (request) -> what `applies` receives
        self._panels: dict[str, Panel] = {}

    def panel(self, key: str, *, order: int, template: str, applies: Callable, context: Callable):
        self._panels[key] = Panel(key, order, template, applies, context)

    def panels(self) -> list[Panel]:
        _collect()
        return sorted(self._panels.values(), key=lambda item: (item.order, item.key))

    def panels_for(self, request) -> list[dict]:
        """The panels of this person's home, each with its template and what it shows."""
        subject = self._subject(request)
        return [
            {"key": item.key, "template": item.template, **item.context(request)}
            for item in self.panels()
            if item.applies(subject)
        ]


cite_home = PanelRegistry(subject=lambda request: request.membership)
panel = cite_home.panel
panels = cite_home.panels
panels_for = cite_home.panels_for
