"""The advice-area services refuse a member whose role does not allow the write, whoever calls them."""

import pytest

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import NotPermitted
from citemetiers.reception import services
from citemetiers.reception.models import AdviceArea
from tests.factories import AdviceAreaFactory

pytestmark = pytest.mark.django_db


def test_an_adviser_cannot_change_the_advice_areas(centre, member):
    adviser = member(Role.ADVISER).user
    first, second = AdviceAreaFactory(centre=centre, position=1), AdviceAreaFactory(centre=centre, position=2)
    order = list(AdviceArea.objects.for_centre(centre).order_by("position", "id"))
    data = {"name": "Zone Z", "code": "Z", "description": "", "is_active": True}
    with pytest.raises(NotPermitted):
        services.advice_area_create(centre=centre, data=data, actor=adviser)
    with pytest.raises(NotPermitted):
        services.advice_area_update(area=first, data={**data, "code": first.code}, actor=adviser)
    with pytest.raises(NotPermitted):
        services.advice_area_move(area=second, offset=-1, actor=adviser)
    assert not AdviceArea.objects.filter(name="Zone Z").exists()
    assert list(AdviceArea.objects.for_centre(centre).order_by("position", "id")) == order


def test_a_coordinator_of_another_cite_cannot_change_its_areas(centre, other_centre, member):
    elsewhere = member(Role.COORDINATOR, centre=other_centre).user
    area = AdviceAreaFactory(centre=centre)
    with pytest.raises(NotPermitted):
        services.advice_area_update(area=area, data={"name": "Renamed", "code": area.code}, actor=elsewhere)
    area.refresh_from_db()
    assert area.name != "Renamed"


def test_the_logistics_staff_change_the_advice_areas(centre, member):
    logistics = member(Role.LOGISTICS).user
    area = services.advice_area_create(
        centre=centre, data={"name": "Zone Z", "code": "Z", "description": "", "is_active": True}, actor=logistics
    )
    assert AdviceArea.objects.for_centre(centre).filter(pk=area.pk, name="Zone Z").exists()
