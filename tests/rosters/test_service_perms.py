"""The roster services refuse a member whose role does not allow the write, whoever calls them."""

from datetime import date, timedelta

import pytest

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import NotPermitted
from citemetiers.rosters import services
from citemetiers.rosters.models import Proposal, Shift
from tests.factories import AdviceAreaFactory, DeskFactory, ProposalFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def test_a_receptionist_cannot_write_the_roster(centre, member):
    receptionist = member(Role.RECEPTION).user
    adviser = member(Role.ADVISER)
    shift = ShiftFactory(centre=centre)
    proposal = ProposalFactory(centre=centre)
    area, desk = AdviceAreaFactory(centre=centre), DeskFactory(centre=centre)
    day = date.today() + timedelta(days=7)
    writes = [
        lambda: services.desk_save(
            centre=centre, desk=None, name="Desk 9", capacity=1, is_active=True, actor=receptionist
        ),
        lambda: services.shift_add(
            centre=centre,
            membership=adviser,
            area=area,
            desk=desk,
            day=day,
            slot="am",
            locked=True,
            actor=receptionist,
        ),
        lambda: services.shift_remove(shift=shift, actor=receptionist),
        lambda: services.shift_lock(shift=shift, locked=not shift.locked, actor=receptionist),
        lambda: services.proposal_request(centre=centre, starts_on=day, ends_on=day, actor=receptionist),
        lambda: services.proposal_publish(proposal=proposal, actor=receptionist),
    ]
    for write in writes:
        with pytest.raises(NotPermitted):
            write()
    assert Shift.objects.filter(pk=shift.pk, locked=shift.locked).exists()
    assert Shift.objects.count() == 1
    assert Proposal.objects.count() == 1
    assert not centre.desks.filter(name="Desk 9").exists()


def test_an_adviser_sets_only_their_own_availability(centre, member):
    adviser, colleague = member(Role.ADVISER), member(Role.ADVISER)
    day = date.today() + timedelta(days=7)
    with pytest.raises(NotPermitted):
        services.availability_set(membership=colleague, cells=[(0, "am")], valid_from=day, actor=adviser.user)
    with pytest.raises(NotPermitted):
        services.availability_add_one_off(membership=colleague, day=day, slot="am", actor=adviser.user)
    with pytest.raises(NotPermitted):
        services.absence_add(membership=colleague, starts_on=day, ends_on=day, actor=adviser.user)
    with pytest.raises(NotPermitted):
        services.coverage_set(membership=colleague, areas=[], actor=adviser.user)
    assert not colleague.availabilities.exists()
    assert not colleague.absences.exists()
    services.availability_set(membership=adviser, cells=[(0, "am")], valid_from=day, actor=adviser.user)
    assert adviser.availabilities.exists()


def test_a_planner_sets_an_advisers_availability(centre, member):
    planner, adviser = member(Role.LOGISTICS), member(Role.ADVISER)
    day = date.today() + timedelta(days=7)
    services.availability_set(membership=adviser, cells=[(0, "am")], valid_from=day, actor=planner.user)
    assert adviser.availabilities.exists()


def test_a_member_of_another_cite_cannot_write_the_roster(centre, other_centre, member):
    planner_elsewhere = member(Role.LOGISTICS, centre=other_centre).user
    shift = ShiftFactory(centre=centre)
    with pytest.raises(NotPermitted):
        services.shift_remove(shift=shift, actor=planner_elsewhere)
    assert Shift.objects.filter(pk=shift.pk).exists()
