import pytest

from citemetiers.territory.demo import seed_territory
from citemetiers.territory.hours import validate_opening_hours
from citemetiers.territory.models import Service, Structure

pytestmark = pytest.mark.django_db


def test_the_demo_territory_has_forty_structures_and_eighty_placed_services_once(centre):
    seed_territory(centre=centre)
    seed_territory(centre=centre)
    services = Service.objects.for_centre(centre)
    assert (Structure.objects.for_centre(centre).count(), services.count()) == (40, 80)
    assert not services.filter(latitude__isnull=True).exists()
    for hours in services.values_list("opening_hours", flat=True):
        validate_opening_hours(hours)
