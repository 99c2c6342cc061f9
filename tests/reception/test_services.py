import pytest

from citemetiers.core.errors import DomainError
from citemetiers.core.models import AuditEntry
from citemetiers.reception import services
from citemetiers.reception.models import AdviceArea
from tests.factories import AdviceAreaFactory, CentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _codes(centre):
    return list(AdviceArea.objects.for_centre(centre).values_list("code", flat=True))


def test_new_area_goes_last():
    centre = CentreFactory(with_areas=True)
    services.advice_area_create(centre=centre, data={"name": "Handicap et emploi", "code": "H"}, actor=None)
    assert _codes(centre) == ["A", "B", "C", "D", "E", "F", "H"]


def test_letters_and_names_are_unique_in_a_cite():
    centre = CentreFactory(with_areas=True)
    with pytest.raises(DomainError) as error:
        services.advice_area_create(centre=centre, data={"name": "Nouveau", "code": "A"}, actor=None)
    assert error.value.field == "code"
    with pytest.raises(DomainError) as error:
        services.advice_area_create(centre=centre, data={"name": "se former", "code": "Z"}, actor=None)
    assert error.value.field == "name"
    # The same letter in another Cité is fine.
    services.advice_area_create(centre=CentreFactory(with_areas=True), data={"name": "Autre", "code": "G"}, actor=None)


def test_moving_an_area_renumbers_the_order():
    centre = CentreFactory(with_areas=True)
    area_c = AdviceArea.objects.for_centre(centre).get(code="C")
    services.advice_area_move(area=area_c, offset=-1, actor=None)
    assert _codes(centre) == ["A", "C", "B", "D", "E", "F"]
    assert list(AdviceArea.objects.for_centre(centre).values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_moving_the_first_area_up_changes_nothing():
    centre = CentreFactory(with_areas=True)
    services.advice_area_move(area=AdviceArea.objects.for_centre(centre).get(code="A"), offset=-1, actor=None)
    assert _codes(centre) == ["A", "B", "C", "D", "E", "F"]


def test_deactivating_an_area_keeps_it_and_logs_it():
    centre = CentreFactory(with_areas=True)
    area = AdviceArea.objects.for_centre(centre).get(code="F")
    services.advice_area_update(area=area, data={"name": area.name, "code": "F", "is_active": False}, actor=None)
    assert AdviceArea.objects.for_centre(centre).count() == 6
    assert AdviceArea.objects.for_centre(centre).active().count() == 5
    assert AuditEntry.objects.filter(action="advice_area.deactivate", target_id=str(area.pk)).exists()


def test_moving_closes_the_gaps_left_in_the_order():
    centre = CentreFactory()
    first, second, third = (AdviceAreaFactory(centre=centre, position=position) for position in (10, 20, 35))
    services.advice_area_move(area=first, offset=1, actor=None)
    positions = dict(AdviceArea.objects.for_centre(centre).values_list("pk", "position"))
    assert positions == {second.pk: 1, first.pk: 2, third.pk: 3}


def test_moving_the_last_area_down_changes_nothing_and_logs_nothing():
    centre = CentreFactory(with_areas=True)
    AuditEntry.objects.all().delete()
    services.advice_area_move(area=AdviceArea.objects.for_centre(centre).get(code="F"), offset=1, actor=None)
    assert _codes(centre) == ["A", "B", "C", "D", "E", "F"]
    assert not AuditEntry.objects.exists()


def test_a_move_is_logged_with_its_author():
    centre = CentreFactory(with_areas=True)
    actor = MembershipFactory(centre=centre, coordinator=True).user  # the service checks the role
    area = AdviceArea.objects.for_centre(centre).get(code="B")
    services.advice_area_move(area=area, offset=1, actor=actor)
    entry = AuditEntry.objects.get(action="advice_area.move")
    assert (entry.actor, entry.centre, entry.target_id) == (actor, centre, str(area.pk))


def test_editing_an_area_keeps_its_place_and_logs_what_changed():
    centre = CentreFactory(with_areas=True)
    actor = MembershipFactory(centre=centre, coordinator=True).user  # the service checks the role
    area = AdviceArea.objects.for_centre(centre).get(code="C")
    old_name = area.name
    services.advice_area_update(area=area, data={"name": "Reconversion", "code": "R", "is_active": True}, actor=actor)
    assert _codes(centre) == ["A", "B", "R", "D", "E", "F"]
    entry = AuditEntry.objects.get(action="advice_area.update")
    assert entry.actor == actor
    assert entry.changes == {"name": [old_name, "Reconversion"], "code": ["C", "R"]}


def test_an_area_cannot_take_the_letter_of_another():
    centre = CentreFactory(with_areas=True)
    area = AdviceArea.objects.for_centre(centre).get(code="C")
    with pytest.raises(DomainError) as error:
        services.advice_area_update(area=area, data={"name": area.name, "code": "D"}, actor=None)
    assert error.value.field == "code"
    assert AdviceArea.objects.get(pk=area.pk).code == "C"


def test_a_new_area_is_logged_with_its_author():
    centre = CentreFactory(with_areas=True)
    actor = MembershipFactory(centre=centre, coordinator=True).user  # the service checks the role
    area = services.advice_area_create(centre=centre, data={"name": "Handicap", "code": "H"}, actor=actor)
    entry = AuditEntry.objects.get(action="advice_area.create", target_id=str(area.pk))
    assert (entry.actor, entry.centre) == (actor, centre)
