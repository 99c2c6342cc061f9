"""Birth dates: any full date that the sentence calls a birth date, or that can only be one.

Notes are full of dates that are not birth dates: appointments, training periods, diplomas. A date
is a birth date when a word says so ("né le", "DOB", "nacida el", "geboren am"), or, without such a
word, when it is at least 15 and at most 100 years old and nothing around it makes it an event
(a period "du … au …", "depuis", a diploma, a contract). A two-digit year is read as a person
reads it: 05/01/27 is next January, while after "né le" 03/03/85 is 1985.
"""

from __future__ import annotations

import re
from datetime import date

from .text import Candidate, sentence_after, sentence_before

MONTHS = {
    1: "janvier janv jan january enero ene gennaio genn gen januar jänner",
    2: "février fevrier févr fevr fév fev feb february febrero febbraio febb februar",
    3: "mars mar march marzo märz maerz",
    4: "avril avr apr april abril aprile",
    5: "mai may mayo maggio mag",
    6: "juin jun june junio giugno giu juni",
    7: "juillet juil jul july julio luglio lug juli",
    8: "août aout aug august agosto ago",
    9: "septembre sept sep september septiembre settembre sett set",
    10: "octobre oct october octubre ottobre ott oktober okt",
    11: "novembre nov november noviembre",
    12: "décembre decembre déc dec december diciembre dic dicembre dezember dez",
}
MONTH_BY_NAME = {name: number for number, names in MONTHS.items() for name in names.split()}
_MONTH = "|".join(sorted(MONTH_BY_NAME, key=len, reverse=True))
_DAY = r"(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|º|°|\.)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"

DATE_RES = [
    # 12/03/1985, 12-3-85, 12.03.1985
    re.compile(r"(?<![\d/.\-])(?P<day>[0-3]?\d)[/.\-](?P<month>[01]?\d)[/.\-](?P<year>\d{4}|\d{2})(?![\d/\-]|\.\d)"),
    # 1985-03-12, 1985/03/12
    re.compile(
        r"(?<![\d/.\-])(?P<year>(?:1[89]|20)\d{2})[/.\-](?P<month>[01]?\d)[/.\-](?P<day>[0-3]?\d)(?![\d/\-]|\.\d)"
    ),
    # 12 mars 1985, 3 de marzo de 1985, 3. März 1985, 3-Mar-1985, 1er janvier 1990
    re.compile(rf"(?<!\d){_DAY}[\s\-]+(?:de\s+)?(?P<month>{_MONTH})\.?[\s\-,]+(?:de\s+|del\s+)?{_YEAR}(?!\d)", re.I),
    # March 3rd, 1985
    re.compile(rf"\b(?P<month>{_MONTH})\.?\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I),
]

BIRTH_CUE = re.compile(
    r"(?:\bn[ée]e?s?\b|naissance|\bddn\b|\bdob\b|d\.o\.b|\bborn\b|\bbirth|\bb\.\s|"
    r"\bnacid[oa]s?\b|nacimiento|f\. ?nac|\bnat[oa]\b|nascita|\bgeboren|\bgeb\.|geburt)",
    re.IGNORECASE,
)
# Words that make a date an event of the career rather than of a life.
EVENT_CUE = re.compile(
    r"(?:\bdepuis\b|\bsince\b|\bdesde\b|\bseit\b|\bentre\b|\bbetween\b|\buntil\b|jusqu|dipl[ôo]m|obtenu|stage|formation|contrat|embauch|inscri|"
    r"licenci|travaill|cdd|cdi|rendez|rdv|atelier|session|examen|attestation|certifi|graduat|worked|course|"
    r"contract|hired|employ|training|appointment|curso|contrato|corso|contratto|ausbildung|vertrag|kurs|"
    r"termin|appuntamento|cita)",
    re.IGNORECASE,
)
PERIOD_START = re.compile(r"(?i)\b(?:du|from|dal|del|vom|von|de|entre|between|desde|tra)\b")
MIN_AGE, MAX_AGE = 15, 100


def _year(text: str, today: date, *, birth: bool) -> int:
    year = int(text)
    if year >= 100:
        return year
    # A birth date is in the past; any other two-digit year is read as the nearest one.
    if birth:
        return 2000 + year if 2000 + year <= today.year else 1900 + year
    return 2000 + year if 2000 + year <= today.year + 10 else 1900 + year


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTH_BY_NAME[value.lower().rstrip(".")]


def find_birth_dates(text: str, *, today: date) -> list[Candidate]:
    found = []
    for pattern in DATE_RES:
        for match in pattern.finditer(text):
            before = sentence_before(text, match.start(), limit=40)
            birth = bool(BIRTH_CUE.search(before))
            try:
                day, month = int(match.group("day")), _month(match.group("month"))
                year = _year(match.group("year"), today, birth=birth)
                when = date(year, month, day)
            except (ValueError, KeyError):
                continue
            if when > today:
                continue
            if not birth:
                age = today.year - year
                if not MIN_AGE <= age <= MAX_AGE:
                    continue
                after = sentence_after(text, match.end(), limit=25)
                # A period: "du 01/09/2010 au 31/08/2013", "from … to …", "vom … bis …".
                if re.match(r"\s*(?:au|to|al|bis|[-–]|à|a|et|and|y|e|und)\s", after):
                    continue
                if re.search(r"(?i)\b(?:au|to|al|bis|à|and|et|und|y|e)\s*$", before) and PERIOD_START.search(
                    sentence_before(text, match.start(), limit=60)
                ):
                    continue
                if EVENT_CUE.search(sentence_before(text, match.start(), limit=80)):
                    continue
            found.append(Candidate("birth_date", match.start(), match.end()))
    return found
