"""On a Cité's pages the guard lets that Cité's own staff and partner organisations through."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.reception.models import Interview
from tests.factories import OrganisationFactory, ThemeFactory, TicketFactory

pytestmark = pytest.mark.django_db


def _post_notes(client, centre, notes):
    ticket = TicketFactory(centre=centre, done=True)
    theme = ThemeFactory(centre=centre)
    return client.post(
        reverse("reception:interview", kwargs={"centre_slug": centre.slug, "ticket_pk": ticket.pk}),
        {"themes": [theme.pk], "orientations": ["none"], "duration_minutes": 25, "notes": notes},
    )


def test_interview_notes_may_name_a_colleague_and_a_partner_of_the_cite(client_as, member, centre):
    adviser = client_as(Role.ADVISER)
    colleague = member(Role.ADVISER).user
    colleague.full_name = "Nadia Ferhat"
    colleague.save()
    OrganisationFactory(centre=centre, name="Atelier Marie Curtis")
    _post_notes(adviser, centre, "Vu avec Nadia Ferhat, orienté vers l'Atelier Marie Curtis.")
    assert Interview.objects.get().notes == "Vu avec Nadia Ferhat, orienté vers l'Atelier Marie Curtis."


def test_interview_notes_naming_a_visitor_are_still_refused(client_as, centre):
    adviser = client_as(Role.ADVISER)
    response = _post_notes(adviser, centre, "Vu avec Jean Dupont.")
    assert response.status_code == 422
    assert not Interview.objects.exists()
