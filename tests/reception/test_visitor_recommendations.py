"""What the adviser recommended is useful to the visitor: a resource opens, a partner says where and when."""

import html
import re

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Organisation
from citemetiers.library import services as library_services
from citemetiers.library.vocab import Visibility
from citemetiers.reception import cards
from tests.factories import InterviewFactory, OrganisationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def ticket_page(client, interview) -> str:
    return html.unescape(
        client.get(reverse("visitor:ticket", kwargs={"secret": interview.ticket.secret})).content.decode()
    )


def resource_url(interview, resource) -> str:
    return reverse("visitor:resource", kwargs={"secret": interview.ticket.secret, "recommended_pk": resource.pk})


@pytest.fixture
def shared(other_centre):
    resource = ResourceFactory(
        centre=other_centre, title="Devenir boulanger", summary="Les formations.", body="Le CAP se prépare en deux ans."
    )
    library_services.resource_link_add(
        resource=resource, url="https://metiers.example/boulanger", label="Fiche", actor=None
    )
    return resource


def test_a_recommended_resource_opens_a_visitor_page_with_its_text_and_links(client, centre, shared):
    interview = InterviewFactory(ticket__centre=centre)
    interview.resources.add(shared)
    assert f'href="{resource_url(interview, shared)}"' in ticket_page(client, interview)
    page = client.get(resource_url(interview, shared))
    content = html.unescape(page.content.decode())
    assert page.status_code == 200
    assert "Le CAP se prépare en deux ans." in content and 'href="https://metiers.example/boulanger"' in content
    # A visitor's page: no address of the staff's pages (the library, the Cité's settings) in it.
    assert not re.search(r'href="/c/', content)


def test_the_visitor_card_links_the_recommended_resource_too(client, centre, shared):
    interview = InterviewFactory(ticket__centre=centre)
    interview.resources.add(shared)
    _card, code = cards.card_create(ticket=interview.ticket)
    history = html.unescape(client.post(reverse("visitor:card_history"), {"code": code}).content.decode())
    assert f'href="{resource_url(interview, shared)}"' in history


def test_a_private_resource_is_neither_shown_nor_opened(client, centre):
    own_private = ResourceFactory(centre=centre, title="Procédure interne d'accueil", visibility=Visibility.CENTRE)
    interview = InterviewFactory(ticket__centre=centre)
    interview.resources.add(own_private)
    assert "Procédure interne d'accueil" not in ticket_page(client, interview)
    assert client.get(resource_url(interview, own_private)).status_code == 404


def test_a_resource_not_recommended_on_this_ticket_answers_404(client, centre, shared):
    interview = InterviewFactory(ticket__centre=centre)
    other = InterviewFactory(ticket__centre=centre)
    other.resources.add(shared)
    assert client.get(resource_url(interview, shared)).status_code == 404
    wrong_secret = reverse("visitor:resource", kwargs={"secret": "x" * 43, "recommended_pk": shared.pk})
    assert client.get(wrong_secret).status_code == 404


def test_a_recommended_partner_shows_its_address_opening_hours_and_website(client, centre):
    partner = OrganisationFactory(
        centre=centre,
        name="Mission locale Nord",
        address="12 rue des Écoles\n59000 Lille",
        opening_hours="Du lundi au vendredi, 9 h-12 h et 14 h-17 h",
        website="https://ml-nord.example",
    )
    interview = InterviewFactory(ticket__centre=centre, orientations=["partner"])
    interview.organisations.add(partner)
    page = ticket_page(client, interview)
    assert "12 rue des Écoles<br>59000 Lille" in page
    assert "Du lundi au vendredi, 9 h-12 h et 14 h-17 h" in page
    assert 'href="https://ml-nord.example"' in page


def test_partnerships_staff_record_a_partners_address_and_opening_hours(client_as, centre):
    client = client_as(Role.PARTNERSHIPS)
    response = client.post(
        reverse("centres:organisation_add", kwargs={"centre_slug": centre.slug}),
        {
            "name": "AFPA Lille",
            "kind": "training",
            "website": "afpa.example",
            "address": "3 place du Marché, 59000 Lille",
            "opening_hours": "Lundi-vendredi 8:30-17:00",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    partner = Organisation.objects.for_centre(centre).get(name="AFPA Lille")
    assert (partner.address, partner.opening_hours, partner.website) == (
        "3 place du Marché, 59000 Lille",
        "Lundi-vendredi 8:30-17:00",
        "https://afpa.example",
    )
