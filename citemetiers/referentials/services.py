"""Writes of the occupation referentials: loading the shipped ROME and ESCO files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Count

from citemetiers.core.audit import audit_log
from citemetiers.referentials import loading
from citemetiers.referentials.models import Occupation, OccupationLabel

if TYPE_CHECKING:
    from citemetiers.accounts.models import User


def occupations_load(*, path: Path | str | None = None, actor: User | None = None) -> dict[str, Any]:
    """Upsert the occupations and labels of the shipped files (or of `path`: a folder or one file).

    Idempotent: a second load of the same files changes nothing. Returns what changed and, per
    scheme, how many active occupations and labels the database now holds.
    """
    rows = loading.read_rows(path)
    with transaction.atomic():
        changes = loading.upsert(Occupation, OccupationLabel, rows)
        if any(changes.values()):
            # One entry per load: the referential is shared, so no Cité is named.
            audit_log(
                actor=actor,
                action="occupations.load",
                target=Occupation(scheme=rows[0].scheme if rows else "", code="*"),
                changes=changes,
            )
    return {**changes, **occupations_counts()}


def occupations_counts() -> dict[str, Any]:
    """{"occupations": {scheme: n}, "labels": {scheme: {language: n}}} over active occupations."""
    occupations = dict(
        Occupation.objects.filter(is_active=True)
        .values("scheme")
        .annotate(n=Count("pk"))
        .values_list("scheme", "n")
        .order_by()
    )
    labels: dict[str, dict[str, int]] = {}
    for scheme, language, count in (
        OccupationLabel.objects.filter(occupation__is_active=True)
        .values("occupation__scheme", "language")
        .annotate(n=Count("pk"))
        .values_list("occupation__scheme", "language", "n")
        .order_by("occupation__scheme", "language")
    ):
        labels.setdefault(scheme, {})[language] = count
    return {"occupations": occupations, "labels": labels}
