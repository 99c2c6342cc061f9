"""The Cité's own demand, set beside the territory's figures in the diagnostic: what visitors ask for.

The interviews' themes and occupations and the visitors' residence areas are the indicators' and
reception's, apps above this one: the app that knows them provides the reads through `provider`
(in its `territory_demand.py`), so that the territory imports none of them (the layers in
pyproject.toml), as `centres/opening.py` does for a new Cité's first contents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    import datetime as dt

    from citemetiers.centres.models import Centre


@dataclass(frozen=True)
class Demand:
    """What the Cité's visitors asked for over a period, most asked first."""

    # (theme's name, interviews)
    themes: list[tuple[str, int]] = field(default_factory=list)
    # (occupation's code, its label, interviews)
    occupations: list[tuple[str, str, int]] = field(default_factory=list)
    # visitors' residence area (as reception records it: ISO 3166-2, e.g. FR-69) → visits
    residence: dict[str, int] = field(default_factory=dict)
    # Any count under this is left out of what leaves the Cité (the indicators' rule, given with the counts).
    small_cell: int = 5

    def shared(self, count: int | None) -> int | None:
        """A count as it may leave the Cité: None under the small-cell threshold."""
        return count if count is not None and count >= self.small_cell else None


_provider: list[Callable[..., Demand]] = []
_collected = False


def provider(read: Callable[..., Demand]) -> Callable[..., Demand]:
    """Declare (from an app's territory_demand.py) the read of the Cité's demand: (*, centre, start, end)."""
    _provider[:] = [read]
    return read


def demand_of(*, centre: Centre, start: dt.date, end: dt.date) -> Demand:
    """The Cité's demand from `start` to `end` included; nothing when no app provides it."""
    global _collected
    if not _collected:
        _collected = True
        autodiscover_modules("territory_demand")
    return _provider[0](centre=centre, start=start, end=end) if _provider else Demand()
