"""The personal-data guard: free text about a visit must not identify the visitor.

`find_personal_data(text)` finds e-mail addresses, phone numbers (French and international
formats), French social security numbers (NIR), IBANs, dates of birth and postal addresses.
`no_personal_data` is a form/model validator that refuses such text with a message naming
each finding, and `highlight` marks them up so that the person sees what to remove.

It errs on the side of refusing: a false alarm costs a rewording, a miss costs anonymity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

KINDS = {
    "email": _("e-mail address"),
    "phone": _("phone number"),
    "nir": _("social security number"),
    "iban": _("bank account number (IBAN)"),
    "birth_date": _("date of birth"),
    "address": _("postal address"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


EMAIL_RE = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)

# A separator between digit groups: space, dot, hyphen or slash.
SEP = r"[ .\-/]?"
PHONE_RES = [
    # French national: 06 12 34 56 78, 0612345678, 06.12.34.56.78
    re.compile(rf"(?<![\d+])0[1-9](?:{SEP}\d{{2}}){{4}}(?!\d)"),
    # French international: +33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033 6 12 34 56 78
    re.compile(rf"(?:\+|00)33\s?(?:\(0\)\s?)?[1-9](?:{SEP}\d{{2}}){{4}}(?!\d)"),
    # Any international number: +41 22 123 45 67, +1 (514) 555-0199, 0044 20 7946 0958
    re.compile(r"(?:\+|\b00)[1-9]\d{0,2}(?:[ .\-]?\(?\d{1,4}\)?){2,6}(?!\d)"),
]

# NIR: sex, year, month (or 20-42, 50-99 for special cases), département (2A/2B for Corsica),
# commune, order number, optional two-digit key.
NIR_RE = re.compile(
    r"(?<!\d)([12])\s?(\d{2})\s?(0[1-9]|1[0-2]|[2-9]\d)\s?(\d{2}|2[AB])\s?(\d{3})\s?(\d{3})(?:\s?(\d{2}))?(?!\d)",
    re.IGNORECASE,
)

# Country code, check digits, then groups of four; written in capitals as banks print them.
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")

MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janv?|févr?|fevr?|avr|juil|sept?|oct|nov|déc|dec|jan|feb|mar|apr|jun|jul|aug"
)
DATE_RES = [
    re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)"),  # 12/03/1985, 12-3-85
    re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"),  # 1985-03-12
    re.compile(rf"(?<!\d)(\d{{1,2}})(?:er)?\s+(?:{MONTHS})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE),  # 12 mars 1985
]
BIRTH_CONTEXT_RE = re.compile(r"\b(?:née?s?|naissance|dob|d\.o\.b|born|birth|birthday|anniversaire)\b", re.IGNORECASE)
# A visitor is at least this old: a full date this many years back or more is read as a birth date.
MIN_AGE_YEARS = 12

STREET_TYPES = (
    "rue|avenue|av|boulevard|bd|bld|place|pl|allée|allee|chemin|ch|impasse|imp|quai|route|rte|cours|square|sq|"
    "passage|résidence|residence|cité|cite|lotissement|hameau|faubourg|fbg|"
    "street|st|road|rd|lane|ln|drive|dr|way|court|ct|via|viale|piazza|calle|carrer|rua|straße|strasse"
)
ADDRESS_RE = re.compile(
    rf"(?<!\d)\d{{1,4}}\s?(?:bis|ter|[a-d])?\s*,?\s+(?:{STREET_TYPES})\.?\s+(?:d[eu']\s?|de la\s|des\s|of\s)?[\w\-'’]+",
    re.IGNORECASE,
)
# Where the street type follows the name: "221B Baker Street", "10 Downing Street".
NAME_THEN_STREET_RE = re.compile(
    r"(?<!\d)\d{1,4}[a-dA-D]?\s+(?:[A-Z][\w\-'’]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Straße|Strasse)\b"
)
# French postcode followed by a capitalised town: "75019 Paris", "13001 Marseille".
POSTCODE_TOWN_RE = re.compile(r"(?<!\d)(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\d{3}\s+[A-ZÉÈ][\w\-'’]+")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _nir_is_plausible(match: re.Match) -> bool:
    key = match.group(7)
    if key is None:
        return True
    number = "".join(match.group(i) for i in range(1, 7)).upper()
    # Corsica: 2A and 2B count as 19 and 18 in the key computation.
    number = number.replace("2A", "19").replace("2B", "18")
    return 97 - int(number) % 97 == int(key)


def _iban_is_valid(candidate: str) -> bool:
    compact = re.sub(r"\s", "", candidate).upper()
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    return int(numeric) % 97 == 1


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 1900 if year > date.today().year % 100 else 2000
    return year


def _is_birth_date(match: re.Match, text: str, today: date) -> bool:
    groups = match.groups()
    if len(groups) == 3 and len(groups[0]) == 4:  # ISO
        year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
    elif len(groups) == 3:
        day, month, year = int(groups[0]), int(groups[1]), _year(groups[2])
    else:  # day, month name, year
        day, month, year = int(groups[0]), 1, int(groups[1])
    if not (1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= today.year):
        return False
    before = text[max(0, match.start() - 40) : match.start()]
    return bool(BIRTH_CONTEXT_RE.search(before)) or year <= today.year - MIN_AGE_YEARS


def find_personal_data(text: str, *, today: date | None = None) -> list[Finding]:
    """Every stretch of `text` that looks like personal data, in order, without overlaps."""
    if not text:
        return []
    today = today or date.today()
    found: list[Finding] = []

    def add(kind: str, match: re.Match) -> None:
        found.append(Finding(kind, match.start(), match.end(), match.group(0).strip()))

    for match in EMAIL_RE.finditer(text):
        add("email", match)
    for match in IBAN_RE.finditer(text):
        if _iban_is_valid(match.group(0)):
            add("iban", match)
    for match in NIR_RE.finditer(text):
        if _nir_is_plausible(match):
            add("nir", match)
    for pattern in PHONE_RES:
        for match in pattern.finditer(text):
            if 9 <= len(_digits(match.group(0))) <= 15:
                add("phone", match)
    for pattern in DATE_RES:
        for match in pattern.finditer(text):
            if _is_birth_date(match, text, today):
                add("birth_date", match)
    for pattern in (ADDRESS_RE, NAME_THEN_STREET_RE, POSTCODE_TOWN_RE):
        for match in pattern.finditer(text):
            add("address", match)

    # Keep the first (most specific) finding where two overlap: an IBAN is not also a phone number.
    found.sort(key=lambda finding: (finding.start, -(finding.end - finding.start)))
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def highlight(text: str, findings: list[Finding]) -> SafeString:
    """The text, escaped, with each finding in a <mark> so that the person sees what to remove."""
    parts, position = [], 0
    for finding in findings:
        parts.append(escape(text[position : finding.start]))
        parts.append(f'<mark title="{escape(finding.label)}">{escape(text[finding.start : finding.end])}</mark>')
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece is escaped above


def no_personal_data(value: str) -> None:
    """Validator: refuse free text that could identify a visitor, naming what to remove."""
    findings = find_personal_data(value)
    if findings:
        raise ValidationError(
            _(
                "This text seems to contain personal data, which the Cité never keeps about visitors. "
                "Remove it before saving: %(items)s."
            ),
            code="personal_data",
            params={"items": "; ".join(f"{finding.label} « {finding.text} »" for finding in findings)},
        )


class GuardedTextField(forms.CharField):
    """A free-text form field refused when it holds personal data, with the findings marked up.

    After a refusal `field.marked` holds the text with each finding in a <mark>, which
    includes/fields.html shows under the field so the person sees exactly what to remove.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.marked = None

    def clean(self, value):
        value = super().clean(value)
        findings = find_personal_data(value or "")
        if findings:
            self.marked = highlight(value, findings)
            no_personal_data(value)
        return value
