"""Reads of the occupation referentials: autocomplete by label in any language, display of chosen ones."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import and_
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Length

from citemetiers.core.forms import is_id
from citemetiers.referentials.loading import search_text
from citemetiers.referentials.models import Occupation, OccupationLabel

if TYPE_CHECKING:
    from django.db.models import QuerySet

__all__ = ["OccupationMatch", "occupations_by_ids", "occupations_search", "search_text"]


@dataclass(frozen=True)
class OccupationMatch:
    """An occupation as the reader sees it, and the label (maybe in another language) that matched."""

    occupation: Occupation
    label: str
    matched_label: str
    matched_language: str

    @property
    def scheme(self) -> str:
        return self.occupation.get_scheme_display()

    @property
    def code(self) -> str:
        return self.occupation.code


def _with_preferred_labels(queryset: QuerySet[Occupation]) -> QuerySet[Occupation]:
    return queryset.prefetch_related(
        Prefetch("labels", queryset=OccupationLabel.objects.filter(is_preferred=True), to_attr="_preferred")
    )


def _label(occupation: Occupation, language: str) -> str:
    """The preferred label in the reader's language, else French, else English, else any."""
    # _preferred is the list that _with_preferred_labels' Prefetch(to_attr=...) sets on each occupation.
    labels = {label.language: label.label for label in occupation._preferred}  # type: ignore[attr-defined]
    for candidate in (language, "fr", "en"):
        if candidate in labels:
            return labels[candidate]
    return next(iter(labels.values()), occupation.code)


def occupations_search(query: str, *, language: str, limit: int = 15) -> list[OccupationMatch]:
    """Active occupations with a label, in any language, holding every word of the query.

    Case, accents and punctuation are ignored. Ranking, best first: the label starts with the
    query; then every word starts a word of the label; then the words only occur inside words.
    Within a rank, preferred labels come before alternative ones, labels in the reader's language
    first, shorter first. One result per occupation. Only `search_text` with `startswith` and
    `contains` is used, so SQLite and PostgreSQL answer the same.
    """
    phrase = search_text(query)
    words = phrase.split()
    if not words or limit <= 0:
        return []
    word_starts = reduce(
        and_, (Q(search_text__startswith=word) | Q(search_text__contains=f" {word}") for word in words)
    )
    inside = reduce(and_, (Q(search_text__contains=word) for word in words))
    ranks = [Q(search_text__startswith=phrase), word_starts, inside]

    chosen: dict[int, OccupationLabel] = {}
    for condition in ranks:
        if len(chosen) >= limit:
            break
        candidates = (
            OccupationLabel.objects.filter(condition, occupation__is_active=True)
            .exclude(occupation_id__in=list(chosen))
            .annotate(
                other_language=Case(
                    When(language=language, then=Value(0)), default=Value(1), output_field=IntegerField()
                ),
                length=Length("search_text"),
            )
            .order_by("-is_preferred", "other_language", "length", "search_text", "pk")
            .only("pk", "occupation_id", "label", "language", "is_preferred")
        )
        # Several labels of one occupation may match: read a window wider than the limit.
        for label in candidates[: (limit - len(chosen)) * 8]:
            chosen.setdefault(label.occupation_id, label)
            if len(chosen) >= limit:
                break

    occupations = _with_preferred_labels(Occupation.objects.filter(pk__in=list(chosen))).in_bulk()
    return [
        OccupationMatch(
            occupation=occupations[occupation_id],
            label=_label(occupations[occupation_id], language),
            matched_label=label.label,
            matched_language=label.language,
        )
        for occupation_id, label in chosen.items()
    ]


def occupations_by_ids(ids: Iterable[int | str], language: str) -> list[OccupationMatch]:
    """The occupations of these ids, in that order, labelled for the reader; unknown ids are skipped."""
    wanted = []
    for value in ids:
        text = str(value).strip()
        if is_id(text) and int(text) not in wanted:
            wanted.append(int(text))
    occupations = _with_preferred_labels(Occupation.objects.filter(pk__in=wanted)).in_bulk()
    matches = []
    for pk in wanted:
        if pk in occupations:
            label = _label(occupations[pk], language)
            matches.append(
                OccupationMatch(occupation=occupations[pk], label=label, matched_label=label, matched_language=language)
            )
    return matches
