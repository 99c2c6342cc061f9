from datetime import UTC, datetime, timedelta

import pytest

from citemetiers.core.errors import DomainError
from citemetiers.reception import cards
from citemetiers.reception.models import CardLookupFailure, VisitorCard
from tests.factories import TicketFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


def test_a_new_card_links_the_visit_and_stores_only_a_digest(centre):
    ticket = TicketFactory(centre=centre)
    card, code = cards.card_create(ticket=ticket, now=NOW)
    ticket.visit.refresh_from_db()
    assert ticket.visit.card == card
    assert len(code) == 19 and code.count("-") == 3  # XXXX-XXXX-XXXX-XXXX
    assert set(code.replace("-", "")) <= set(cards.CARD_ALPHABET)
    stored = VisitorCard.objects.get()
    assert code.replace("-", "") not in stored.digest


def test_codes_are_random_and_long_enough():
    codes = {cards.card_create(ticket=TicketFactory(), now=NOW)[1] for _ in range(20)}
    assert len(codes) == 20
    # 16 characters out of 30: more than 78 bits.
    assert cards.CARD_LENGTH * 4.9 > 78


def test_a_card_is_found_whatever_the_case_spaces_and_dashes(centre):
    card, code = cards.card_create(ticket=TicketFactory(centre=centre), now=NOW)
    typed = " " + code.lower().replace("-", " ") + " "
    assert cards.card_find(code=typed, address="1.2.3.4", now=NOW) == card


def test_linking_a_later_visit_to_the_card(centre):
    card, code = cards.card_create(ticket=TicketFactory(centre=centre), now=NOW)
    later = TicketFactory(centre=centre)
    cards.card_link_visit(ticket=later, code=code, address="1.2.3.4", now=NOW + timedelta(days=7))
    later.visit.refresh_from_db()
    card.refresh_from_db()
    assert later.visit.card == card
    assert card.last_used_at == NOW + timedelta(days=7)


def test_a_card_of_another_cite_does_not_link(centre, other_centre):
    _card, code = cards.card_create(ticket=TicketFactory(centre=other_centre), now=NOW)
    with pytest.raises(DomainError):
        cards.card_link_visit(ticket=TicketFactory(centre=centre), code=code, address="1.2.3.4", now=NOW)


def test_a_visit_gets_one_card_only(centre):
    ticket = TicketFactory(centre=centre)
    cards.card_create(ticket=ticket, now=NOW)
    with pytest.raises(DomainError):
        cards.card_create(ticket=ticket, now=NOW)


def test_guessing_is_throttled_per_address_and_for_a_while(centre):
    _card, code = cards.card_create(ticket=TicketFactory(centre=centre), now=NOW)
    for attempt in range(cards.MAX_FAILURES):
        with pytest.raises(DomainError):
            cards.card_find(code=f"WRONG{attempt:011d}", address="6.6.6.6", now=NOW)
    # Even the right code is refused from that address until the window has passed...
    with pytest.raises(cards.CardThrottled):
        cards.card_find(code=code, address="6.6.6.6", now=NOW + timedelta(minutes=1))
    # ...while another address is not affected, and the address recovers later.
    assert cards.card_find(code=code, address="7.7.7.7", now=NOW)
    assert cards.card_find(code=code, address="6.6.6.6", now=NOW + cards.FAILURE_WINDOW + timedelta(seconds=1))
    assert CardLookupFailure.objects.count() == cards.MAX_FAILURES


def test_screen_keys_are_made_once_and_regenerated_on_demand(centre):
    first = cards.reception_settings_for(centre)
    assert cards.reception_settings_for(centre).display_key == first.display_key
    assert len(first.display_key) >= 43 and first.display_key != first.kiosk_key
    regenerated = cards.screen_key_regenerate(centre=centre, screen="display", actor=UserFactory())
    assert regenerated.display_key != first.display_key
    assert regenerated.kiosk_key == first.kiosk_key


def test_retention_must_stay_between_1_and_120_months(centre):
    with pytest.raises(DomainError):
        cards.reception_settings_update(centre=centre, display_chime=True, notes_retention_months=0, actor=None)
    settings = cards.reception_settings_update(
        centre=centre, display_chime=False, notes_retention_months=24, actor=None
    )
    assert (settings.display_chime, settings.notes_retention_months) == (False, 24)


def test_a_wrong_card_code_never_stores_the_visitors_address(centre):
    with pytest.raises(DomainError):
        cards.card_find(code="NOPE-NOPE-NOPE-NOPE", address="203.0.113.7", centre=centre)
    stored = CardLookupFailure.objects.values_list("address", flat=True).get()
    assert "203.0.113" not in stored and len(stored) == 64
