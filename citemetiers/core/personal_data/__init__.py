"""The personal-data guard: free text about a visit must not identify the visitor.

`find_personal_data(text)` finds names of people, e-mail addresses (also obfuscated), phone numbers
of any country (parsed with `phonenumbers`, also in words), postal addresses, identifiers (NIR,
IBAN, passports and residence permits, France Travail/CAF/tax ids, foreign social-security and
identity numbers, checked with `python-stdnum`) and birth dates. `no_personal_data` is a form/model
validator that refuses such text with a message naming each finding in the writer's language, and
`highlight` marks them up so that the person sees what to remove.

It errs on the side of refusing: a false alarm costs a rewording, a miss costs anonymity. It never
logs, stores or sends the text it reads; its findings live as long as the request that asked.
How well it does, on which corpus, is measured by bench/guard.py (figures in the README).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import date
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .addresses import find_addresses
from .contacts import find_emails, find_phones
from .dates import find_birth_dates
from .identifiers import find_identifiers
from .names import find_names
from .text import Candidate, fold

KINDS = {
    "name": _("a person's name"),
    "email": _("an e-mail address"),
    "phone": _("a phone number"),
    "address": _("a postal address"),
    "nir": _("a social security number"),
    "iban": _("a bank account number (IBAN)"),
    "id_document": _("a passport or residence permit number"),
    "admin_id": _("a France Travail, CAF or tax identifier"),
    "ssn": _("an identity or social security number"),
    "birth_date": _("a date of birth"),
}
# Where two findings overlap, the more specific kind wins: an IBAN is not also a phone number.
PRIORITY = ["email", "iban", "nir", "ssn", "id_document", "admin_id", "birth_date", "phone", "address", "name"]


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


@dataclass(frozen=True)
class GuardContext:
    """What the guard must let through: the Cité's own staff and partner organisations by name."""

    staff: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    @classmethod
    def of(cls, *, staff: Iterable[str] = (), organisations: Iterable[str] = ()) -> GuardContext:
        return cls(tuple(name for name in staff if name), tuple(name for name in organisations if name))


# The context of the request being served (set by whoever knows the Cité: a middleware, a view, a
# task), read when a caller does not pass one; a ContextVar, so that threads and tasks never share it.
# A provider may be a function, called only when a text is guarded, so that a page that guards nothing
# pays no query for it.
_current_context: ContextVar[GuardContext | Callable[[], GuardContext] | None] = ContextVar(
    "personal_data_context", default=None
)


def set_context(provider: GuardContext | Callable[[], GuardContext]) -> Token:
    """The staff and organisations to let through from now on in this request; reset with the token."""
    if callable(provider):
        provider = cache(provider)
    return _current_context.set(provider)


def reset_context(token: Token) -> None:
    _current_context.reset(token)


@contextmanager
def use_context(context: GuardContext | Callable[[], GuardContext]) -> Iterator[None]:
    """Within this block, the guard lets the given staff and organisations through."""
    token = set_context(context)
    try:
        yield
    finally:
        reset_context(token)


def _context_of_the_request() -> GuardContext | None:
    current = _current_context.get()
    return current() if callable(current) else current


def _allowed_spans(text: str, context: GuardContext) -> list[tuple[int, int]]:
    """Where the text names one of the Cité's staff or organisations (found case- and accent-blind)."""
    folded = fold(text)
    # fold() keeps the length of most texts; where it does not, fall back to no exemption by position.
    if len(folded) != len(text):
        return []
    spans = []
    for name in (*context.staff, *context.organisations):
        needle = fold(name)
        position = folded.find(needle)
        while needle and position != -1:
            spans.append((position, position + len(needle)))
            position = folded.find(needle, position + 1)
    return spans


def find_personal_data(
    text: str,
    *,
    today: date | None = None,
    language: str | None = None,
    context: GuardContext | None = None,
) -> list[Finding]:
    """Every stretch of `text` that looks like personal data, in order, without overlaps.

    `language` (fr, en, es, it, de) chooses the countries tried for phone numbers written without a
    country code; without it, every country of the network is tried. `context` names the staff and
    organisations of the Cité, which are not personal data about visitors.
    """
    if not text or not text.strip():
        return []
    today = today or date.today()
    context = context or _context_of_the_request() or GuardContext()
    candidates: list[Candidate] = [
        *find_emails(text),
        *find_identifiers(text),
        *find_phones(text, language=language, organisations=context.organisations),
        *find_birth_dates(text, today=today),
        *find_addresses(text, organisations=context.organisations),
        *find_names(text),
    ]
    allowed = _allowed_spans(text, context)
    candidates = [
        candidate
        for candidate in candidates
        if not (
            candidate.kind == "name"
            and any(start < candidate.end and candidate.start < end for start, end in allowed)
            and _only_allowed(text, candidate, allowed)
        )
    ]
    candidates.sort(key=lambda c: (PRIORITY.index(c.kind), -(c.end - c.start), c.start))
    kept: list[Candidate] = []
    for candidate in candidates:
        if any(candidate.start < other.end and other.start < candidate.end for other in kept):
            continue
        kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return [Finding(c.kind, c.start, c.end, text[c.start : c.end].strip()) for c in kept]


def _only_allowed(text: str, candidate: Candidate, allowed: list[tuple[int, int]]) -> bool:
    """A name span made only of a title and an allowed name ("Mme Sophie Laurent")."""
    rest = list(text[candidate.start : candidate.end])
    for start, end in allowed:
        for position in range(max(start, candidate.start), min(end, candidate.end)):
            rest[position - candidate.start] = " "
    return len("".join(rest).split()) <= 1


def highlight(text: str, findings: list[Finding]) -> SafeString:
    """The text, escaped, with each finding in a <mark> so that the person sees what to remove."""
    parts, position = [], 0
    for finding in findings:
        parts.append(escape(text[position : finding.start]))
        parts.append(f'<mark title="{escape(finding.label)}">{escape(text[finding.start : finding.end])}</mark>')
        position = finding.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece is escaped above


def explain(findings: list[Finding]) -> str:
    """The findings as the refusal lists them: "a phone number « 06 12 … »; a person's name « … »"."""
    return "; ".join(f"{finding.label} « {finding.text} »" for finding in findings)


def no_personal_data(value: str, *, context: GuardContext | None = None, language: str | None = None) -> None:
    """Validator: refuse free text that could identify a visitor, naming what to remove."""
    findings = find_personal_data(value, context=context, language=language)
    if findings:
        raise ValidationError(
            _(
                "This text seems to contain personal data, which the Cité never keeps about visitors. "
                "Remove it before saving: %(items)s."
            ),
            code="personal_data",
            params={"items": explain(findings)},
        )


class GuardedTextField(forms.CharField):
    """A free-text form field refused when it holds personal data, with the findings marked up.

    The one declaration that puts a text under the guard: declare the field as a GuardedTextField
    (or, in a ModelForm, name it in `Meta.field_classes`); tests/core/test_guarded_fields.py fails
    on any free-text field of any form that is neither guarded nor listed in its form's
    `guard_exempt = {"field": "reason"}`. It is a CharField in every other respect.

    After a refusal `field.marked` holds the text with each finding in a <mark>, which
    includes/fields.html shows under the field so the person sees exactly what to remove. The
    staff and organisations let through are `field.context`, else those of `use_context()`.
    """

    def __init__(self, *args, context: GuardContext | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.context = context
        self.marked = None

    def clean(self, value):
        value = super().clean(value)
        # The writer's language says which countries' national phone numbers to read first.
        findings = find_personal_data(value or "", context=self.context, language=translation.get_language())
        if findings:
            self.marked = highlight(value, findings)
            raise ValidationError(
                _(
                    "This text seems to contain personal data, which the Cité never keeps about visitors. "
                    "Remove it before saving: %(items)s."
                ),
                code="personal_data",
                params={"items": explain(findings)},
            )
        return value


__all__ = [
    "KINDS",
    "Finding",
    "GuardContext",
    "GuardedTextField",
    "explain",
    "find_personal_data",
    "highlight",
    "no_personal_data",
    "reset_context",
    "set_context",
    "use_context",
]
