import pytest

from citemetiers.events.demo import seed_events
from citemetiers.events.models import Registration, RegistrationStatus, Session
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_term_with_attendance_and_a_full_session_with_a_waiting_list():
    centre = CentreFactory()
    seed_events(centre=centre)
    seed_events(centre=centre)  # once per Cité
    registrations = Registration.objects.filter(centre=centre)
    assert registrations.filter(status=RegistrationStatus.ATTENDED).exists()
    assert registrations.filter(status=RegistrationStatus.WAITING, session__title__startswith="Job dating").count() == 2
    assert Session.objects.filter(centre=centre, template__isnull=False).count() > 10
