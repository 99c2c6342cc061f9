"""One wait estimate, computed in one place: the visitor's phone and the consoles say the same."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.reception import ticketing
from citemetiers.reception.models import AdviceArea

pytestmark = pytest.mark.django_db

ESTIMATE = re.compile(r"[Aa]ttente estimée :\s*(?:</span>\s*)?([^<]*?)\s*<", re.S)


def _estimate(page: str) -> str:
    found = ESTIMATE.search(page)
    assert found, "no estimated wait on the page"
    return " ".join(found.group(1).split())


def _queue_with_history(centre, adviser, *, waiting: int):
    """An adviser who served three visitors of area A within the hour, then `waiting` visitors queued."""
    area = AdviceArea.objects.for_centre(centre).get(code="A")
    start = timezone.now() - timedelta(minutes=55)
    for index, minutes in enumerate([12, 20, 30]):
        at = start + timedelta(minutes=15 * index)
        ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None, now=at)
        ticket = ticketing.ticket_call_next(centre=centre, areas=[area], adviser=adviser, desk="1", now=at)
        ticketing.ticket_start(ticket=ticket, actor=adviser, now=at)
        ticketing.ticket_finish(ticket=ticket, actor=adviser, now=at + timedelta(minutes=minutes))
    return [ticketing.visit_check_in(centre=centre, areas=[area], profile={}, actor=None)[1][0] for _ in range(waiting)]


@pytest.mark.parametrize("waiting", [1, 3])
def test_the_visitor_page_and_the_consoles_show_the_same_range_for_the_same_queue(client_as, centre, waiting):
    adviser = client_as(Role.ADVISER, Role.RECEPTION)
    tickets = _queue_with_history(centre, adviser.membership.user, waiting=waiting)
    adviser.post(
        reverse("reception:adviser_setup", kwargs={"centre_slug": centre.slug}),
        {"areas": [tickets[0].area_id], "desk": "1"},
    )
    console = adviser.get(reverse("reception:console", kwargs={"centre_slug": centre.slug})).content.decode()
    panel = adviser.get(reverse("reception:adviser", kwargs={"centre_slug": centre.slug})).content.decode()
    # The queue's estimate is the wait of its last visitor: what the newest ticket's page says.
    phone = adviser.get(reverse("visitor:ticket", kwargs={"secret": tickets[-1].secret})).content.decode()
    said = _estimate(phone)
    assert "inconnue" not in said
    assert _estimate(console) == said
    assert re.search(r"<td>\s*" + re.escape(said) + r"\s*</td>", panel)
