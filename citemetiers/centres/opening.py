"""What a new Cité starts with, each part contributed by the app that owns it.

`centre_create` opens the Cité and its host body, then runs the steps the apps above declared in
their own `opening.py` (the advice areas and themes are reception's), in order and in the same
transaction — so that `centres`, which opens the Cité, imports none of the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre


@dataclass(frozen=True)
class Step:
    key: str
    order: int
    run: Callable[..., object]  # (*, centre: Centre, actor: User | None) -> anything


_steps: dict[str, Step] = {}
_collected = False


def step(key: str, *, order: int, run: Callable[..., object]) -> None:
    """Declare (from an app's opening.py) what a new Cité gets from that app."""
    _steps[key] = Step(key, order, run)


def steps() -> list[Step]:
    global _collected
    if not _collected:
        _collected = True
        autodiscover_modules("opening")
    return sorted(_steps.values(), key=lambda item: (item.order, item.key))


def run_steps(*, centre: Centre, actor: User | None) -> None:
    """Give the new Cité what every app declared; the caller holds the transaction and the scope."""
    for item in steps():
        item.run(centre=centre, actor=actor)
