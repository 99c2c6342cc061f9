import pytest

from citemetiers.school.demo import seed_school
from citemetiers.school.models import Edition, EditionStatus, SeededProject
from tests.factories import CentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_demo_school_has_three_past_editions_with_a_project_each_and_an_open_call():
    centres = [CentreFactory() for _ in range(4)]
    for centre in centres:
        MembershipFactory(centre=centre, coordinator=True)
        MembershipFactory(centre=centre)
    seed_school(centres=centres)
    past = Edition.objects.filter(status__in=[EditionStatus.HELD, EditionStatus.ARCHIVED])
    assert past.count() == 3
    assert len({edition.host_centre_id for edition in past}) == 3
    assert all(edition.slots.exists() for edition in past)
    assert SeededProject.objects.filter(edition__in=past).count() == 3
    assert Edition.objects.filter(status=EditionStatus.CALL_OPEN).count() == 1


def test_the_demo_school_has_participants_with_a_certificate_to_download():
    centres = [CentreFactory() for _ in range(3)]
    for centre in centres:
        MembershipFactory(centre=centre, coordinator=True)
        MembershipFactory(centre=centre)
    seed_school(centres=centres)
    past = Edition.objects.filter(status__in=[EditionStatus.HELD, EditionStatus.ARCHIVED])
    for edition in past:
        participants = list(edition.participants.order_by("registered_at", "pk"))
        assert len(participants) == 3 and all(p.agenda.exists() for p in participants)
        first = participants[0]
        assert first.attended and first.attended_sessions.count() == edition.slots.count()
        assert not participants[-1].attended
