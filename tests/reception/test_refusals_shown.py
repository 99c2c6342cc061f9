"""Views that run a form or a button through a service (core.forms.run_form / run_action) show the
service's refusal to the person, and keep what a refusal means to keep."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from citemetiers.accounts.roles import Role
from citemetiers.reception.models import CardLookupFailure, TicketStatus
from tests.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_a_wrong_card_code_is_said_on_the_form_and_still_counted(client):
    with translation.override("en"):
        response = client.post(
            reverse("visitor:card_history"), {"code": "NOPE-NOPE-NOPE-NOPE"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        expected = translation.gettext("This code does not match any card of this Cité. Check it and try again.")
    assert (response.context["form"].errors["code"], response.context["visits"], CardLookupFailure.objects.count()) == (
        [expected],
        None,
        1,
    )


def test_a_refused_ticket_action_comes_back_to_the_console_with_the_reason(client_as, centre):
    adviser = client_as(Role.ADVISER)
    ticket = TicketFactory(centre=centre)  # waiting: nobody called it, it cannot be received
    response = adviser.post(
        reverse("reception:ticket_start", kwargs={"centre_slug": centre.slug, "ticket_pk": ticket.pk})
    )
    ticket.refresh_from_db()
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert (response.status_code, ticket.status, len(told), ticket.label in told[0]) == (
        302,
        TicketStatus.WAITING,
        1,
        True,
    )
