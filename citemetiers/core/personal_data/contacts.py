"""E-mail addresses (also obfuscated) and phone numbers (any country, any spelling, in words too)."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from .text import Candidate, belongs_to_organisation, fold

TLDS = (
    r"com|net|org|info|eu|fr|be|ch|lu|de|at|it|es|pt|nl|uk|co\.uk|ie|us|ca|ma|dz|tn|sn|ci|io|me|biz|"
    r"gouv\.fr|email|mail"
)
_WORD = r"[\w+-]+"
# "@" and its spellings out loud: at, arobase (fr), arroba (es), chiocciola (it), [at], (at).
_AT = r"(?:\s*@\s*|\s*[\[({]\s*(?:at|arobase)\s*[\])}]\s*|\s+(?:at|arobase|arroba|chiocciola|klammeraffe)\s+)"
_DOT = r"(?:\s?\.\s?|\s*[\[({]\s*(?:dot|point|punto|punkt)\s*[\])}]\s*|\s+(?:dot|point|punto|punkt)\s+)"
OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w@.]){_WORD}(?:{_DOT}{_WORD}){{0,3}}{_AT}{_WORD}(?:{_DOT}{_WORD}){{0,2}}{_DOT}(?:{TLDS})\b",
    re.IGNORECASE,
)
PLAIN_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Shared mailboxes of an organisation are no one's personal address.
ROLE_MAILBOXES = {
    "contact",
    "accueil",
    "info",
    "infos",
    "information",
    "secretariat",
    "recrutement",
    "candidature",
    "candidatures",
    "rh",
    "hello",
    "bonjour",
    "communication",
    "inscription",
    "inscriptions",
    "noreply",
    "no-reply",
    "jobs",
    "careers",
}


def find_emails(text: str) -> list[Candidate]:
    found = []
    for pattern in (PLAIN_EMAIL_RE, OBFUSCATED_EMAIL_RE):
        for match in pattern.finditer(text):
            local = re.split(r"\s*@|\s+(?:at|arobase|arroba|chiocciola)\s|\s*[\[({]", match.group(0), maxsplit=1)[0]
            if fold(local.strip()) in ROLE_MAILBOXES:
                continue
            found.append(Candidate("email", match.start(), match.end()))
    return found


# Regions tried for numbers written without a country code: France always, then those of the
# note's language (a Spanish note's "612 345 678" is Spanish). Without a language, all of them.
REGIONS = {
    "fr": ("FR", "BE", "CH"),
    "en": ("GB", "US", "IE"),
    "es": ("ES",),
    "it": ("IT",),
    "de": ("DE", "AT", "CH"),
}
ALL_REGIONS = ("FR", "GB", "US", "ES", "IT", "DE", "BE", "CH")  # the network's countries
# Numbers that reach an organisation, never a person.
PUBLIC_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE}


_SEP = r"[ .\-/]?"
# Eight digits or more, with the punctuation numbers are written with, and a little context for the
# matcher to see (it refuses a number glued to letters, a date, a time).
DIGIT_RUN_RE = re.compile(r"(?:\+|\b)\(?\d[\d ().\-/]{6,}\d")
# Dates and year ranges, which the matcher would refuse anyway, only slower.
NOT_A_NUMBER_RE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4} ?[-/] ?\d{2,4}")
LOOSE_PHONE_RE = re.compile(
    rf"(?<![\w+/.\-])(?:0[1-9](?:{_SEP}\d{{2}}){{4}}|0[1-9]\d{{3}} ?\d{{6}}"
    rf"|(?:\+|00)[1-9]\d{{0,2}}(?:[ .\-]?\(?\d{{1,4}}\)?){{2,6}})(?![\w/\-]|\.\d)"
)


def _regions(language: str | None) -> tuple[str, ...]:
    if language and language[:2] in REGIONS:
        return tuple(dict.fromkeys(("FR", *REGIONS[language[:2]])))
    return ALL_REGIONS


def find_phones(text: str, *, language: str | None = None, organisations: tuple[str, ...] = ()) -> list[Candidate]:
    found: dict[tuple[int, int], Candidate] = {}
    # A number that some country of the network reads as toll-free or shared-cost is an organisation's.
    public: set[tuple[int, int]] = set()
    # The matcher reads only the runs of digits that could be a number (it is slow on prose).
    for run in DIGIT_RUN_RE.finditer(text):
        if NOT_A_NUMBER_RE.fullmatch(run.group(0).strip()):
            continue
        # A number with its country code reads the same from any region; a national one is tried in
        # the regions of the language until one of them reads it.
        international = run.group(0).startswith(("+", "00"))
        for region in ("FR",) if international else _regions(language):
            matches = list(PhoneNumberMatcher(run.group(0), region, leniency=Leniency.VALID))
            for match in matches:
                start, end = run.start() + match.start, run.start() + match.end
                if (start, end) in found or len(re.sub(r"\D", "", match.raw_string)) < 8:
                    continue
                if phonenumbers.number_type(match.number) in PUBLIC_TYPES:
                    public.add((start, end))
                    continue
                if belongs_to_organisation(text, start, end, organisations):
                    continue
                found[(start, end)] = Candidate("phone", start, end)
            if matches:
                break
    # A number that is not valid is still someone's number mistyped, when it has the shape of one:
    # a French national number or an international one of a possible length.
    for match in LOOSE_PHONE_RE.finditer(text):
        if any(start <= match.start() < end for start, end in (*found, *public)):
            continue
        if match.group(0).lstrip().startswith(("+", "00")):
            try:
                number = phonenumbers.parse(re.sub(r"^00", "+", match.group(0).strip()), None)
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_possible_number(number):
                continue
        if belongs_to_organisation(text, match.start(), match.end(), organisations):
            continue
        found[(match.start(), match.end())] = Candidate("phone", match.start(), match.end())
    found.update({(c.start, c.end): c for c in _phones_in_words(text)})
    return [c for span, c in found.items() if not any(s <= span[0] < e for s, e in public)]


# ------------------------------------------------------------------ numbers written in words (fr, en)

_UNITS = {
    "zero": 0,
    "zéro": 0,
    "oh": 0,
    "un": 1,
    "une": 1,
    "one": 1,
    "deux": 2,
    "two": 2,
    "trois": 3,
    "three": 3,
    "quatre": 4,
    "four": 4,
    "cinq": 5,
    "five": 5,
    "six": 6,
    "sept": 7,
    "seven": 7,
    "huit": 8,
    "eight": 8,
    "neuf": 9,
    "nine": 9,
    "dix": 10,
    "ten": 10,
    "onze": 11,
    "eleven": 11,
    "douze": 12,
    "twelve": 12,
    "treize": 13,
    "thirteen": 13,
    "quatorze": 14,
    "fourteen": 14,
    "quinze": 15,
    "fifteen": 15,
    "seize": 16,
    "sixteen": 16,
    "dix-sept": 17,
    "dix-huit": 18,
    "dix-neuf": 19,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "vingt": 20,
    "vingts": 20,
    "twenty": 20,
    "trente": 30,
    "thirty": 30,
    "quarante": 40,
    "forty": 40,
    "cinquante": 50,
    "fifty": 50,
    "soixante": 60,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMBER_WORD = "|".join(sorted({*_UNITS, *_TENS, "et", "and", "double"}, key=len, reverse=True))
_WORDS_RUN_RE = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[\s,-]+(?:{_NUMBER_WORD}))+\b", re.IGNORECASE)


def _digits_from_words(words: list[str]) -> str:
    """Read a run of number words as a person dictating a phone number: in pairs or digit by digit."""
    merged: list[str] = []
    for word in words:
        if merged and merged[-1] == "dix" and word in ("sept", "huit", "neuf"):
            merged[-1] = f"dix-{word}"
        else:
            merged.append(word)
    words = merged
    digits, tens, double = [], None, False

    def flush():
        nonlocal tens
        if tens is not None:
            digits.append(f"{tens:02d}")
            tens = None

    for index, word in enumerate(words):
        if word in ("et", "and"):
            continue
        if word == "double":
            double = True
            continue
        if word == "quatre" and index + 1 < len(words) and words[index + 1].startswith("vingt"):
            flush()
            tens = -4  # quatre-vingt(s) follows
            continue
        if word in _TENS:
            value = _TENS[word]
            if tens == -4:
                tens = 80
            else:
                flush()
                tens = value
            continue
        value = _UNITS[word]
        if tens is not None and tens > 0 and (value < 10 or (tens in (60, 80) and value < 20)):
            digits.append(f"{tens + value:02d}")
            tens = None
        else:
            flush()
            text = str(value) if value < 10 else f"{value:02d}"
            digits.append(text * (2 if double else 1))
        double = False
    flush()
    return "".join(digits)


def _phones_in_words(text: str) -> list[Candidate]:
    found = []
    for match in _WORDS_RUN_RE.finditer(text):
        words = [fold(word) for word in re.split(r"[\s,-]+", match.group(0)) if word]
        digits = _digits_from_words(words)
        if 9 <= len(digits) <= 13:
            found.append(Candidate("phone", match.start(), match.end()))
    return found
