"""Small text helpers the detectors share: folding, the sentence around a match, context cues."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, for comparing words whatever their spelling."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("’", "'")


# A sentence ends at . ! ? ; or a line break followed by a capital, except after the abbreviations
# that notes use in the middle of a sentence (titles, street types).
_BOUNDARY = re.compile(r"(\w*)([.!?;]\s+(?=[A-ZÀ-Þ])|\n)")
ABBREVIATIONS = {
    "m",
    "dr",
    "sr",
    "sra",
    "srta",
    "st",
    "av",
    "bd",
    "pr",
    "me",
    "ch",
    "pl",
    "mr",
    "ms",
    "sig",
    "r",
    "dott",
}


def _boundaries(window: str):
    for match in _BOUNDARY.finditer(window):
        if match.group(2) == "\n" or match.group(1).lower() not in ABBREVIATIONS:
            yield match


def sentence_before(text: str, start: int, limit: int = 120) -> str:
    """The part of the sentence before `start` (at most `limit` characters)."""
    window = text[max(0, start - limit) : start]
    # One character more, so that a sentence ending right before `start` is seen to end.
    boundaries = list(_boundaries(window + text[start : start + 1]))
    last = boundaries[-1] if boundaries else None
    return window[last.end() :] if last and last.end() <= len(window) else window


def sentence_after(text: str, end: int, limit: int = 60) -> str:
    window = text[end : end + limit]
    match = next(_boundaries(window), None)
    return window[: match.start(2)] if match else window


# Words that say the thing belongs to the visitor: they override an organisation's context.
PERSONAL_CUE = re.compile(
    r"\b(?:habite|habitent|domicil\w*|vit|vivent|r[ée]side\w*|chez (?:lui|elle|sa|son|ses)|perso\w*|"
    r"son|sa|ses|lui|leur|portable|"
    r"lives?|living|home|his|her|their|mobile|personal|"
    r"vive|viven|su|sus|móvil|movil|domicilio|"
    r"abita|abitano|residenza|suo|sua|cellulare|"
    r"wohnt|wohnen|anschrift|wohnort|ihr|ihre|sein|seine|handy|privat)\b",
    re.IGNORECASE,
)

# Words that say the thing belongs to an organisation: its public address or switchboard.
ORGANISATION_CUE = re.compile(
    r"\b(?:mission locale|france travail|p[ôo]le emploi|cit[ée] des m[ée]tiers|maison de l'emploi|cidff|apec|"
    r"afpa|greta|cnam|cio|cci|chambre|mairie|agence|antenne|si[èe]ge|bureau|accueil|standard|association|"
    r"organisme|centre|centro|center|service|office|oficina|sepe|jobcentre|careers service|helpline|"
    r"switchboard|citizens advice|agenzia|centralino|agentur|arbeitsagentur|jobcenter|zentrale|"
    r"ufficio|comune|ayuntamiento|rathaus|école|ecole|lyc[ée]e|coll[èe]ge|universit\w+|cité|cite)\b",
    re.IGNORECASE,
)


def belongs_to_organisation(text: str, start: int, end: int, organisations: tuple[str, ...] = ()) -> bool:
    """Whether the sentence gives the thing at start:end to an organisation and not to the visitor."""
    before = sentence_before(text, start)
    if PERSONAL_CUE.search(before):
        return False
    if ORGANISATION_CUE.search(before):
        return True
    folded = fold(before)
    return any(fold(name) in folded for name in organisations if name)
