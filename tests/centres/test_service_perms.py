"""The team and partnership services refuse a member whose role does not allow the write, whoever
calls them."""

import pytest

from citemetiers.accounts.roles import Role
from citemetiers.centres import services
from citemetiers.centres.models import Membership, Organisation, Partnership
from citemetiers.core.errors import NotPermitted
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_a_partnerships_member_cannot_manage_the_team(centre, member):
    partnerships = member(Role.PARTNERSHIPS).user
    adviser = member(Role.ADVISER)
    with pytest.raises(NotPermitted):
        services.membership_add(
            centre=centre,
            email="new@example.org",
            full_name="New",
            roles=[Role.ADVISER],
            organisation=None,
            actor=partnerships,
        )
    with pytest.raises(NotPermitted):
        services.membership_update(
            membership=adviser,
            roles=[Role.COORDINATOR],
            organisation=adviser.organisation,
            is_active=True,
            actor=partnerships,
        )
    adviser.refresh_from_db()
    assert adviser.roles == [Role.ADVISER]
    assert not Membership.objects.filter(user__email="new@example.org").exists()


def test_an_adviser_cannot_manage_the_partners(centre, member):
    adviser = member(Role.ADVISER).user
    organisation = OrganisationFactory(centre=centre)
    partnership = PartnershipFactory(centre=centre, organisation=organisation)
    before = Partnership.objects.get(pk=partnership.pk).adviser_hours_per_month
    with pytest.raises(NotPermitted):
        services.organisation_create(centre=centre, data={"name": "Acme"}, actor=adviser)
    with pytest.raises(NotPermitted):
        services.organisation_update(organisation=organisation, data={"name": "Renamed"}, actor=adviser)
    with pytest.raises(NotPermitted):
        services.partnership_create(centre=centre, data={"organisation": organisation}, advice_areas=[], actor=adviser)
    with pytest.raises(NotPermitted):
        services.partnership_update(
            partnership=partnership, data={"adviser_hours_per_month": before + 10}, advice_areas=[], actor=adviser
        )
    assert not Organisation.objects.filter(name__in=["Acme", "Renamed"]).exists()
    assert Partnership.objects.get(pk=partnership.pk).adviser_hours_per_month == before


def test_a_coordinator_of_another_cite_cannot_manage_its_team(centre, other_centre, member):
    elsewhere = member(Role.COORDINATOR, centre=other_centre).user
    adviser = member(Role.ADVISER)
    with pytest.raises(NotPermitted):
        services.membership_update(
            membership=adviser,
            roles=[Role.ADVISER],
            organisation=adviser.organisation,
            is_active=False,
            actor=elsewhere,
        )
    adviser.refresh_from_db()
    assert adviser.is_active
