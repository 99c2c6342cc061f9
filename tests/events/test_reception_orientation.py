"""Reception's orientation "to a workshop" registers the visitor to the session in the same step."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.idempotency import FIELD
from citemetiers.events.models import Registration, RegistrationStatus
from citemetiers.reception import ticketing
from citemetiers.reception.models import Outcome, Visit
from tests.events.factories import SessionFactory
from tests.factories import CentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_check_in_to_a_workshop_registers_the_visitor_and_prints_the_code(client):
    centre = CentreFactory(with_areas=True)
    session = SessionFactory(centre=centre, capacity=1)
    client.force_login(MembershipFactory(centre=centre, roles=[Role.RECEPTION]).user)
    response = client.post(
        reverse("reception:check_in", kwargs={"centre_slug": centre.slug}),
        {"outcome": Outcome.WORKSHOP, "workshop": session.pk, FIELD: "k-workshop-1"},
    )
    registration = Registration.objects.get(session=session)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "events:slip", kwargs={"centre_slug": centre.slug, "registration_pk": registration.pk}
    )
    assert Visit.objects.get(centre=centre).outcome_session == session


def test_the_visit_keeps_no_path_to_the_registration_code():
    """The visit's coarse profile must not lead to a code (and so to its evaluation): only the session."""
    relations = {field.related_model for field in Visit._meta.get_fields() if field.is_relation}
    assert Registration not in relations
    assert not any(field.related_model is Visit for field in Registration._meta.get_fields() if field.is_relation)


def test_a_full_workshop_puts_the_oriented_visitor_on_the_waiting_list():
    centre = CentreFactory(with_areas=True)
    session = SessionFactory(centre=centre, capacity=1)
    for _ in range(2):
        visit, _tickets = ticketing.visit_check_in(
            centre=centre, areas=[], profile={}, outcome=Outcome.WORKSHOP, workshop=session, actor=None
        )
    assert visit.outcome_session == session
    assert Registration.objects.filter(session=session, status=RegistrationStatus.WAITING).count() == 1


def test_another_cites_session_is_not_registered_to():
    centre = CentreFactory(with_areas=True)
    visit, _tickets = ticketing.visit_check_in(
        centre=centre, areas=[], profile={}, outcome=Outcome.WORKSHOP, workshop=SessionFactory(), actor=None
    )
    assert visit.outcome_session is None
    assert not Registration.objects.exists()
