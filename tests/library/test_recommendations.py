"""An adviser recommends library resources from the interview; the visitor finds them on their ticket page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError
from citemetiers.library import services as library_services
from citemetiers.library.vocab import Visibility
from citemetiers.reception import interviews
from citemetiers.reception.models import TicketStatus
from tests.factories import MembershipFactory, ResourceFactory, TicketFactory


@pytest.fixture
def done_ticket(centre):
    now = timezone.now()
    return TicketFactory(centre=centre, status=TicketStatus.DONE, started_at=now, finished_at=now)


def test_the_visitor_page_shows_the_recommended_resources(client, centre, other_centre, done_ticket):
    shared = ResourceFactory(centre=other_centre, title="Devenir boulanger", summary="Les formations du métier.")
    adviser = MembershipFactory(centre=centre).user
    interviews.interview_record(
        ticket=done_ticket, data={"resources": [shared], "orientations": ["resource"]}, actor=adviser
    )
    page = client.get(reverse("visitor:ticket", kwargs={"secret": done_ticket.secret})).content.decode()
    assert "Devenir boulanger" in page
    assert "Les formations du métier." in page


def test_a_resource_the_cite_cannot_read_is_not_recommended(centre, other_centre, done_ticket):
    private = ResourceFactory(centre=other_centre, visibility=Visibility.CENTRE)
    with pytest.raises(DomainError):
        interviews.interview_record(
            ticket=done_ticket,
            data={"resources": [private], "orientations": ["resource"]},
            actor=MembershipFactory(centre=centre).user,
        )


def test_the_interview_form_offers_the_library_through_its_autocomplete(client_as, centre, other_centre):
    ResourceFactory(centre=other_centre, title="Simulation d'entretien")
    ResourceFactory(centre=other_centre, title="Entretien privé", visibility=Visibility.CENTRE)
    client = client_as(Role.ADVISER)
    options = client.get(reverse("library:autocomplete", kwargs={"centre_slug": centre.slug}), {"q": "entretien"})
    assert "Simulation d&#x27;entretien" in options.content.decode()
    assert "Entretien privé" not in options.content.decode()


def test_a_resource_made_private_after_it_was_recommended_is_no_longer_shown(client, centre, other_centre, done_ticket):
    shared = ResourceFactory(centre=other_centre, title="Ressource bientôt privée")
    interviews.interview_record(
        ticket=done_ticket,
        data={"resources": [shared], "orientations": ["resource"]},
        actor=MembershipFactory(centre=centre).user,
    )
    library_services.resource_update(
        resource=shared, data={"visibility": Visibility.CENTRE}, change_note="", actor=None
    )
    page = client.get(reverse("visitor:ticket", kwargs={"secret": done_ticket.secret})).content.decode()
    assert "Ressource bientôt privée" not in page


def test_an_adviser_is_offered_only_resources_a_visitor_may_open(client_as, centre):
    """The Cité's own private material is never shown to the public: recommending it would show nothing."""
    from citemetiers.reception.forms import InterviewForm

    ResourceFactory(centre=centre, title="Entretien : notre grille interne", visibility=Visibility.CENTRE)
    shared = ResourceFactory(centre=centre, title="Entretien : se préparer")
    client = client_as(Role.ADVISER)
    options = client.get(reverse("library:autocomplete", kwargs={"centre_slug": centre.slug}), {"q": "entretien"})
    assert "se préparer" in options.content.decode()
    assert "grille interne" not in options.content.decode()
    assert list(InterviewForm(centre=centre).fields["resources"].queryset) == [shared]
