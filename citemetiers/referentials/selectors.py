"""Reads of the occupation referentials: autocomplete by label in any language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Q

from citemetiers.referentials.models import Occupation, OccupationLabel


def search_text(text: str) -> str:
    """Lower case, accents removed, punctuation turned into spaces: what labels are matched on."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@dataclass(frozen=True)
class OccupationMatch:
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


def _rank(label: OccupationLabel, words: list[str]) -> tuple:
    text = label.search_text
    starts = text.startswith(words[0])
    word_starts = all(re.search(rf"(^| ){re.escape(word)}", text) for word in words)
    return (not starts, not word_starts, not label.is_preferred, len(text))


def occupations_search(query: str, *, language: str, limit: int = 15) -> list[OccupationMatch]:
    """Occupations whose label, in any language, holds every word of the query; best matches first."""
    words = search_text(query).split()
    if not words:
        return []
    condition = reduce(and_, (Q(search_text__contains=word) for word in words))
    candidates = list(
        OccupationLabel.objects.filter(condition, occupation__is_active=True)
        .select_related("occupation")
        .order_by("-is_preferred", "search_text")[: limit * 20]
    )
    best: dict[int, OccupationLabel] = {}
    for label in sorted(candidates, key=lambda label: _rank(label, words)):
        best.setdefault(label.occupation_id, label)
    chosen = list(best.values())[:limit]
    occupations = Occupation.objects.filter(pk__in=[label.occupation_id for label in chosen]).prefetch_related("labels")
    by_id = {occupation.pk: occupation for occupation in occupations}
    return [
        OccupationMatch(
            occupation=by_id[label.occupation_id],
            label=by_id[label.occupation_id].label_in(language),
            matched_label=label.label,
            matched_language=label.language,
        )
        for label in chosen
    ]
