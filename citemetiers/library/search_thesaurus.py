"""Query expansion through the network's career-guidance thesaurus (library/thesaurus.json, CC BY 4.0).

A concept of the field ("business creation") carries its terms in French, English, Spanish, Italian and
German. A query holding every word of one of its terms, read in that term's language, reaches the texts
holding any term of the concept in any language: "crear una empresa" finds "création d'activité".
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from citemetiers.library.analysis import terms

THESAURUS = Path(__file__).with_name("thesaurus.json")
# A query naming more concepts than this is a sentence rather than a need: the first ones say it.
MAX_CONCEPTS = 3

Label = tuple[str, ...]  # a term of the thesaurus, analysed in its own language


@cache
def concepts() -> dict[str, dict[str, list[Label]]]:
    data = json.loads(THESAURUS.read_text(encoding="utf-8"))
    return {
        key: {
            language: [label for text in texts if (label := tuple(dict.fromkeys(terms(text, language))))]
            for language, texts in labels.items()
        }
        for key, labels in data["concepts"].items()
    }


def matched_concepts(text: str) -> list[str]:
    """The concepts one of whose terms the query holds, every word of it, read in the term's language."""
    readings: dict[str, set[str]] = {}
    found = []
    for key, labels in concepts().items():
        for language, analysed in labels.items():
            words = readings.setdefault(language, set(terms(text, language)))
            if any(set(label) <= words for label in analysed):
                found.append(key)
                break
    return found[:MAX_CONCEPTS]


def expansions(text: str) -> list[Label]:
    """Every term, in every language, of the concepts the query names; each must be found whole."""
    labels = (label for key in matched_concepts(text) for analysed in concepts()[key].values() for label in analysed)
    return list(dict.fromkeys(labels))
