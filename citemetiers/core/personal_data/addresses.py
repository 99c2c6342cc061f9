"""Postal addresses in the styles of the network's countries, unless the sentence gives them to an
organisation (the Mission locale's address is public, a visitor's is not)."""

from __future__ import annotations

import re

from .text import PERSONAL_CUE, Candidate, belongs_to_organisation, sentence_before

STREET_TYPES = (
    r"rue|r\.|avenue|av\.?|boulevard|bd\.?|bld|place|pl\.|all[ée]e|chemin|ch\.|impasse|imp\.|quai|route|rte|"
    r"cours|square|sq\.?|passage|r[ée]sidence|cit[ée]|lotissement|hameau|faubourg|fbg|sentier|voie|"
    r"street|st\.?|road|rd\.?|lane|ln|drive|dr\.?|way|close|crescent|terrace|grove|gardens|"
    r"via|viale|piazza|corso|vicolo|largo|calle|c/|avenida|avda\.?|paseo|plaza|carrer|camino|"
    r"stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|ring|damm"
)
_NAME = r"[\w\-'’]+"
_LINK = r"(?:d[eu']\s?|de la\s|des\s|of\s|del\s|de\s|della\s|dei\s|degli\s|di\s|la\s|le\s|les\s)?"
# "12 rue de la Paix", "3 bis avenue Jean Jaurès", "45, bd Voltaire", "12 r. de la Paix"
NUMBER_FIRST_RE = re.compile(
    rf"(?<![\d,.])\d{{1,4}}\s?(?:bis|ter|[a-dA-D])?\s*,?\s+(?:{STREET_TYPES})(?!\w)\s*{_LINK}{_NAME}"
    rf"(?:\s+(?:[A-ZÀ-Þ][\w\-'’]+))?",
    re.IGNORECASE,
)
# "221B Baker Street", "10 Downing Street"
ENGLISH_RE = re.compile(
    r"(?<![\d,.])\d{1,4}[a-dA-D]?\s+(?:[A-Z][\w\-'’]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Close|Crescent|Terrace|Grove|Gardens)\b"
)
# "Via Garibaldi 12", "Calle Mayor 5", "Lindenstraße 12", "Bahnhofstr. 3", "Am Markt 4"
NUMBER_AFTER_RE = re.compile(
    r"(?:\b(?:Via|Viale|Piazza|Corso|Vicolo|Largo|Calle|Avenida|Avda\.|Paseo|Plaza|Carrer|Camino|Am|An der|Im)"
    r"\s+(?:(?:de|del|della|dei|la|los|las|der|dem)\s+)*[A-ZÀ-Þ][\w\-'’]+(?:\s+[A-ZÀ-Þ][\w\-'’]+)?"
    r"|\b[A-ZÄÖÜ][\wäöüß\-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|ring|damm))"
    r",?\s+\d{1,4}[a-z]?\b"
)
# A postcode and a town: "75019 Paris", "NW1 6XE", "28013 Madrid", "10115 Berlin"
POSTCODE_TOWN_RE = re.compile(r"(?<![\d.,])(?:\d{5}|\d{4})\s+[A-ZÉÈ][\w\-'’]+(?:[ \-](?:sur|sous|en|le|la)[ \-]\w+)?")
UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
# "habite rue des Lilas": a street type without a number, after a word that makes it the visitor's
CUE_STREET_RE = re.compile(rf"\b(?:{STREET_TYPES})(?!\w)\s*{_LINK}{_NAME}", re.IGNORECASE)


# Street types that are also ordinary words ("3 cours du soir", "1 place de stage", "1 plaza de
# prácticas"): they make an address only before a capitalised name.
AMBIGUOUS_TYPES = {
    "place",
    "pl.",
    "cours",
    "route",
    "passage",
    "square",
    "sq",
    "sq.",
    "cité",
    "cite",
    "résidence",
    "residence",
    "way",
    "close",
    "drive",
    "dr",
    "dr.",
    "court",
    "ring",
    "voie",
    "sentier",
    "hameau",
    "corso",
    "plaza",
    "paseo",
    "camino",
    "largo",
    "st",
    "st.",
    "terrace",
    "grove",
    "gardens",
    "weg",
    "platz",
    "damm",
}
_AFTER_TYPE_RE = re.compile(rf"\s*{_LINK}(?P<name>{_NAME})", re.IGNORECASE)


def _street_named(text: str, match: re.Match) -> bool:
    type_match = re.search(rf"(?:{STREET_TYPES})(?!\w)", match.group(0), re.IGNORECASE)
    if not type_match or type_match.group(0).lower() not in AMBIGUOUS_TYPES:
        return True
    rest = _AFTER_TYPE_RE.match(match.group(0), type_match.end())
    return bool(rest and rest.group("name")[:1].isupper())


def find_addresses(text: str, *, organisations: tuple[str, ...] = ()) -> list[Candidate]:
    found = []
    for pattern in (NUMBER_FIRST_RE, ENGLISH_RE, NUMBER_AFTER_RE, POSTCODE_TOWN_RE, UK_POSTCODE_RE):
        for match in pattern.finditer(text):
            if pattern is POSTCODE_TOWN_RE and not _looks_like_postcode(match.group(0)):
                continue
            if pattern is NUMBER_FIRST_RE and not _street_named(text, match):
                continue
            found.append(Candidate("address", match.start(), match.end()))
    for match in CUE_STREET_RE.finditer(text):
        if not _street_named(text, match):
            continue
        if PERSONAL_CUE.search(sentence_before(text, match.start(), limit=30)):
            found.append(Candidate("address", match.start(), match.end()))
    return [c for c in found if not belongs_to_organisation(text, c.start, c.end, organisations)]


def _looks_like_postcode(value: str) -> bool:
    number = value.split()[0]
    # A year before a capitalised word ("2026 Paris") is not a postcode; neither is "1800 Euros".
    if len(number) == 4 and 1900 <= int(number) <= 2100:
        return False
    return not re.search(r"(?i)\b(?:euros?|heures|hours|ore|horas|stunden|€)\b", value)
