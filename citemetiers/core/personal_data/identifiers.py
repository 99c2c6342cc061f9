"""Identifiers: NIR, IBAN, passports and residence permits, France Travail/CAF/tax ids, foreign ones.

A number is taken for an identifier in two ways: its own shape, checked with python-stdnum where
the format has a check (IBAN, Spanish DNI/NIE, Italian codice fiscale, Swiss AHV, US SSN, French
tax number...), or a word before it that names the identifier ("passeport n° …", "NIE …"). The
NIR is taken on its shape alone, whatever its key: a wrong key is someone's number mistyped.
"""

from __future__ import annotations

import re

from stdnum import iban
from stdnum.be import nn as be_nn
from stdnum.ch import ssn as ch_ssn
from stdnum.es import dni, nie
from stdnum.fr import nif
from stdnum.it import codicefiscale
from stdnum.us import ssn as us_ssn

from .text import Candidate

_S = r"[ .\-]?"
# Sex (1-4, 7-8 for temporary numbers), year, month (or 20-42, 50-99 for unknown months), département
# (2A/2B for Corsica), commune, order number, then the key, optional.
NIR_RE = re.compile(
    rf"(?<![\w.])[1-478]{_S}\d{{2}}{_S}(?:0[1-9]|1[0-2]|[2-9]\d){_S}(?:\d{{2}}|2[AB]){_S}\d{{3}}{_S}\d{{3}}"
    rf"(?:{_S}\d{{2}})?(?![\w])",
    re.IGNORECASE,
)
IBAN_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w])", re.IGNORECASE)
IBAN_CUE = re.compile(r"\b(?:iban|rib|bic|compte|account|cuenta|conto|konto)\b", re.IGNORECASE)

# Shapes checked by python-stdnum: (kind, pattern, validator).
CHECKED = [
    ("ssn", re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"), us_ssn.is_valid),
    ("ssn", re.compile(r"(?<![\w.])756[ .]?\d{4}[ .]?\d{4}[ .]?\d{2}(?![\w.])"), ch_ssn.is_valid),
    ("ssn", re.compile(r"(?<![\w.])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\w.])"), be_nn.is_valid),
    ("ssn", re.compile(r"(?<!\w)\d{8}[ -]?[A-Z](?!\w)"), dni.is_valid),
    ("ssn", re.compile(r"(?<!\w)[XYZ][ -]?\d{7}[ -]?[A-Z](?!\w)"), nie.is_valid),
    ("ssn", re.compile(r"(?<!\w)[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z](?!\w)", re.IGNORECASE), codicefiscale.is_valid),
    ("admin_id", re.compile(r"(?<![\w.])[0-3]\d(?:[ ]?\d){11}(?![\w.])"), nif.is_valid),
]
# Shapes without a check digit, distinctive enough on their own.
SHAPES = [
    # UK National Insurance number: two letters, six digits, A-D.
    ("ssn", re.compile(r"(?<!\w)[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w)")),
    # German social insurance number: area, birth date, initial, serial.
    ("ssn", re.compile(r"(?<!\w)\d{2} ?\d{6} ?[A-Z] ?\d{3}(?!\w)")),
    # French passport: two digits, two letters, five digits.
    ("id_document", re.compile(r"(?<!\w)\d{2}[A-Z]{2}\d{5}(?!\w)")),
]

# A word naming the identifier, then (within a few words) a number of at least five digits or mixed.
CUES = [
    (
        "id_document",
        r"passeport|passport|pasaporte|passaporto|reisepass|pass-?nr|titre de s[ée]jour|carte de s[ée]jour|"
        r"r[ée]c[ée]piss[ée]|agdref|num[ée]ro (?:d')?[ée]tranger|residence permit|brp|permiso de residencia|"
        r"tarjeta de residencia|permesso di soggiorno|aufenthaltstitel|aufenthaltserlaubnis|"
        r"carte d'identit[ée]|cni|identity card|id card|personalausweis|carta d'identit[àa]",
    ),
    (
        "admin_id",
        r"identifiant|france travail|p[ôo]le emploi|demandeur d'emploi|allocataire|caf|msa|num[ée]ro fiscal|"
        r"n° fiscal|identifiant fiscal|spi|nif|avis d'imposition|imp[ôo]ts",
    ),
    (
        "ssn",
        r"ssn|social security|national insurance|nino|nhs number|dni|nie|nss|seguridad social|codice fiscale|"
        r"c\.f\.|tessera sanitaria|steuer-?id|steuer-?identifikationsnummer|steuernummer|"
        r"sozialversicherungsnummer|sv-?nummer|rentenversicherungsnummer|ahv|avs",
    ),
    ("nir", r"nir|s[ée]cu(?:rit[ée] sociale)?|num[ée]ro de s[ée]cu\w*|carte vitale"),
]
# At most three letters, then a digit, then digits and letters in groups: "X1234567L", "12 34 567 890".
# Every later group holds a digit or is one capital letter (the "C" of a National Insurance number).
_NUMBER = r"(?-i:[A-Z]{0,3}\d[A-Z0-9]*(?:[ .\-/](?:[A-Z0-9]*\d[A-Z0-9]*|[A-Z](?![a-z]))){0,6})"
CUE_RES = [
    (
        kind,
        re.compile(
            rf"\b(?:{words})\b[^\n\d.;!?]{{0,30}}?(?:n[°ºo]\.?|no\.?|num[ée]ro|number|n[úu]mero|nummer|nr\.?|:)?\s*"
            rf"(?P<number>{_NUMBER})(?![\w])",
            re.IGNORECASE,
        ),
    )
    for kind, words in CUES
]


def _has_letters_and_digits_or_many_digits(value: str) -> bool:
    digits = sum(char.isdigit() for char in value)
    return digits >= 6 or (digits >= 5 and any(char.isalpha() for char in value))


# What follows a cue and is not an identifier: a date, a time, a phone number.
NOT_AN_IDENTIFIER = re.compile(
    r"\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?|\d{1,2}[h:]\d{2}|(?:\+|0)[\d ().\-]{8,}", re.IGNORECASE
)


def find_identifiers(text: str) -> list[Candidate]:
    found = [Candidate("nir", match.start(), match.end()) for match in NIR_RE.finditer(text)]
    for match in IBAN_RE.finditer(text):
        candidate = match.group(0)
        # The pattern may take a word after the number: try it shorter until it checks out.
        while candidate and not iban.is_valid(candidate):
            shorter = candidate.rsplit(" ", 1)[0] if " " in candidate else ""
            candidate = shorter if len(re.sub(r"\s", "", shorter)) >= 15 else ""
        if candidate:
            found.append(Candidate("iban", match.start(), match.start() + len(candidate)))
        elif IBAN_CUE.search(text[max(0, match.start() - 25) : match.start()]):
            # A mistyped IBAN named as such is still someone's account.
            found.append(Candidate("iban", match.start(), match.end()))
    for kind, pattern, is_valid in CHECKED:
        for match in pattern.finditer(text):
            if is_valid(match.group(0)):
                found.append(Candidate(kind, match.start(), match.end()))
    for kind, pattern in SHAPES:
        found.extend(Candidate(kind, match.start(), match.end()) for match in pattern.finditer(text))
    for kind, pattern in CUE_RES:
        for match in pattern.finditer(text):
            number = match.group("number").rstrip(" .-/")
            if NOT_AN_IDENTIFIER.fullmatch(number) and kind != "nir":
                continue
            if _has_letters_and_digits_or_many_digits(number):
                found.append(Candidate(kind, match.start("number"), match.start("number") + len(number)))
    return found
