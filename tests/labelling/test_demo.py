import pytest

from citemetiers.centres.models import LabelStatus
from citemetiers.labelling.demo import seed_labelling
from citemetiers.labelling.models import LabelApplication, State
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    centres = {
        "paris": CentreFactory(label_status=LabelStatus.LABELLED),
        "geneve": CentreFactory(label_status=LabelStatus.LABELLED, country="CH"),
        "marseille": CentreFactory(label_status=LabelStatus.LABELLED),
        "bruxelles": CentreFactory(country="BE"),
    }
    seed_labelling(
        centres=centres, network=UserFactory(network_coordinator=True), evaluator=UserFactory(label_evaluator=True)
    )
    return centres


def test_the_demo_seeds_an_enquiry_a_preparation_and_a_renewal(seeded):
    states = sorted(LabelApplication.objects.values_list("state", flat=True))
    assert states == sorted([State.ENQUIRY, State.PREPARATION, State.OPERATING])


def test_the_cite_in_preparation_is_mentored_by_two_demo_cites(seeded):
    application = LabelApplication.objects.get(centre=seeded["bruxelles"])
    assert set(application.mentorings.values_list("mentor", flat=True)) == {seeded["paris"].pk, seeded["geneve"].pk}


def test_the_labelled_cite_has_its_renewal_file(seeded):
    assert LabelApplication.objects.get(centre=seeded["marseille"]).renewals.exclude(prepared_at=None).exists()


def test_seeding_twice_changes_nothing(seeded):
    seed_labelling(centres=seeded, network=UserFactory(network_coordinator=True), evaluator=UserFactory())
    assert LabelApplication.objects.count() == 3
