"""Reads of the library for the other apps: what became of a Cité's resources in the network."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import F, Q

from citemetiers.library.models import Adoption

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre


def adoptions_by_other_cites(
    *, centre: Centre, start: date, end: date, resources: Iterable[int] = ()
) -> list[tuple[int, int, date]]:
    """(resource id, author Cité id, day) of each adoption between `start` and `end` of a resource that
    `centre` wrote, or of one of `resources`, by a Cité other than the resource's author: the library's
    record of mutualisation, in one read. Read in `centre`'s scope, which lets it see its own resources'
    adoptions whatever their visibility."""
    written = Q(resource__centre=centre)
    resources = list(resources)
    if resources:
        written |= Q(resource__in=resources)
    rows = (
        Adoption.objects.filter(written, adopted_on__range=(start, end))
        .exclude(centre=F("resource__centre"))
        .values_list("resource_id", "resource__centre_id", "adopted_on")
        .order_by("adopted_on", "pk")
    )
    return list(rows)
