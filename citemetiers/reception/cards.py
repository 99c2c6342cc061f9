"""The visitor card (carnet) and the secret addresses of the Cité's screens.

A card is a random code that only the visitor keeps. The platform stores a keyed digest of
it, so a copy of the database does not give the codes back; guessing is slowed down per
address, and with 16 characters out of 30 (about 78 bits) it stays hopeless.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from citemetiers.centres import tenancy
from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.reception.models import CardLookupFailure, ReceptionSettings, Ticket, Visit, VisitorCard

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# No 0/O, 1/I/L or U: a code is read from a printed slip and typed on a phone.
CARD_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CARD_LENGTH = 16
MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=15)


class CardThrottled(DomainError):
    pass


def normalise_code(code: str) -> str:
    """Typed codes forgive case, spaces and dashes."""
    code = code.upper()
    return "".join(char for char in code if char.isalnum())


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _digest(code: str) -> str:
    return salted_hmac("citemetiers.reception.visitor-card", normalise_code(code), algorithm="sha256").hexdigest()


def card_create(*, ticket: Ticket, now: datetime | None = None) -> tuple[VisitorCard, str]:
    """Give the visitor of this ticket a new card, linked to this visit; the code is shown only now."""
    now = now or timezone.now()
    code = "".join(secrets.choice(CARD_ALPHABET) for _ in range(CARD_LENGTH))
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=ticket.visit_id)
        if visit.card_id is not None:
            raise DomainError(_("This visit is already in a visitor card."))
        card = VisitorCard.objects.create(
            centre_id=ticket.centre_id, digest=_digest(code), created_at=now, last_used_at=now
        )
        visit.card = card
        visit.save(update_fields=["card"])
    return card, format_code(code)


def _address_digest(address: str) -> str:
    # A visitor's network address is never stored: only a keyed digest of it, enough to count failures.
    return salted_hmac("citemetiers.reception.card-address", address, algorithm="sha256").hexdigest()


def _throttle(address: str, now: datetime) -> None:
    recent = CardLookupFailure.objects.filter(address=_address_digest(address), at__gte=now - FAILURE_WINDOW).count()
    if recent >= MAX_FAILURES:
        raise CardThrottled(_("Too many wrong codes from this connection. Please try again in 15 minutes."))


def card_find(*, code: str, address: str, centre: Centre | None = None, now: datetime | None = None) -> VisitorCard:
    """The card of this code (in this Cité when given), or a refusal; wrong codes are counted per address."""
    now = now or timezone.now()
    _throttle(address, now)
    digest = _digest(code)
    if centre is not None:
        card = VisitorCard.objects.filter(digest=digest, centre=centre).first()
    else:
        # The code is the visitor's secret: it names its Cité, whose scope the caller then enters.
        with tenancy.visitor_secret_lookup():
            card = VisitorCard.objects.filter(digest=digest).select_related("centre").first()
    # The lookup is by a keyed digest; compare it in constant time all the same.
    if card is None or not hmac.compare_digest(card.digest, digest):
        with transaction.atomic():
            CardLookupFailure.objects.filter(at__lt=now - timedelta(days=1)).delete()
            CardLookupFailure.objects.create(address=_address_digest(address), at=now)
        raise DomainError(_("This code does not match any card of this Cité. Check it and try again."), field="code")
    return card


def card_link_visit(*, ticket: Ticket, code: str, address: str, now: datetime | None = None) -> VisitorCard:
    """Add this ticket's visit to the card the visitor already holds."""
    now = now or timezone.now()
    card = card_find(centre=ticket.centre, code=code, address=address, now=now)
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=ticket.visit_id)
        if visit.card_id not in (None, card.pk):
            raise DomainError(_("This visit is already in another visitor card."))
        visit.card = card
        visit.save(update_fields=["card"])
        card.last_used_at = now
        card.save(update_fields=["last_used_at"])
    return card


def _new_key() -> str:
    return secrets.token_urlsafe(32)[:43]


def reception_settings_for(centre: Centre) -> ReceptionSettings:
    """The Cité's reception settings, created with fresh screen keys the first time they are needed."""
    settings = ReceptionSettings.objects.filter(centre=centre).first()
    if settings is None:
        ReceptionSettings.objects.bulk_create(
            [ReceptionSettings(centre=centre, display_key=_new_key(), kiosk_key=_new_key())], ignore_conflicts=True
        )
        settings = ReceptionSettings.objects.get(centre=centre)
    return settings


def screen_key_regenerate(*, centre: Centre, screen: str, actor: User) -> ReceptionSettings:
    """Give the display or the kiosk a new secret address; the old one stops working at once."""
    if screen not in ("display", "kiosk"):
        raise DomainError(_("Unknown screen."))
    with transaction.atomic():
        settings = ReceptionSettings.objects.select_for_update().get(pk=reception_settings_for(centre).pk)
        setattr(settings, f"{screen}_key", _new_key())
        settings.save(update_fields=[f"{screen}_key"])
        audit_log(actor=actor, action=f"reception.{screen}_key_regenerated", target=settings, centre=centre)
    return settings


def reception_settings_update(
    *,
    centre: Centre,
    display_chime: bool,
    notes_retention_months: int,
    kiosk_return_seconds: int | None = None,
    actor: User,
) -> ReceptionSettings:
    if not 1 <= notes_retention_months <= 120:
        raise DomainError(_("Keep notes between 1 and 120 months."), field="notes_retention_months")
    if kiosk_return_seconds is not None and not 5 <= kiosk_return_seconds <= 300:
        raise DomainError(_("Choose between 5 and 300 seconds."), field="kiosk_return_seconds")
    with transaction.atomic():
        settings = ReceptionSettings.objects.select_for_update().get(pk=reception_settings_for(centre).pk)
        changes = {}
        for field, value in (
            ("display_chime", display_chime),
            ("notes_retention_months", notes_retention_months),
            ("kiosk_return_seconds", kiosk_return_seconds),
        ):
            if value is not None and getattr(settings, field) != value:
                changes[field] = [getattr(settings, field), value]
                setattr(settings, field, value)
        if changes:
            settings.save(update_fields=list(changes))
            audit_log(actor=actor, action="reception.settings_update", target=settings, centre=centre, changes=changes)
    return settings
