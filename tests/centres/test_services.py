from datetime import date

import pytest
from django.core import mail

from citemetiers.accounts.roles import Role
from citemetiers.centres import services
from citemetiers.centres.models import Membership, OrganisationKind
from citemetiers.core.errors import DomainError
from citemetiers.core.models import AuditEntry
from citemetiers.reception.models import AdviceArea
from citemetiers.reception.services import DEFAULT_ADVICE_AREAS
from tests.factories import CentreFactory, MembershipFactory, OrganisationFactory, PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_centre_create_gives_the_default_areas_and_the_host_body():
    actor = UserFactory()
    centre = services.centre_create(
        data={"name": "Cité des métiers de Lyon", "country": "FR", "city": "Lyon", "languages": ["fr"]},
        slug="lyon",
        host_organisation_name="Métropole de Lyon",
        actor=actor,
    )
    areas = AdviceArea.objects.for_centre(centre)
    assert [area.code for area in areas] == [code for code, _ in DEFAULT_ADVICE_AREAS]
    assert areas.first().name == "Choisir son orientation"
    assert centre.organisations.get().kind == OrganisationKind.HOST
    logged = list(AuditEntry.objects.filter(centre=centre, actor=actor).values_list("action", flat=True))
    expected = ["centre.create", "organisation.create"] + ["advice_area.create"] * 6 + ["theme.create"] * 12
    assert sorted(logged) == sorted(expected)


def test_default_areas_are_named_in_the_main_language_of_the_cite():
    centre = services.centre_create(
        data={"name": "Career centre", "country": "IE", "city": "Dublin", "languages": ["en"]},
        slug="dublin",
        host_organisation_name="City council",
        actor=None,
    )
    assert AdviceArea.objects.for_centre(centre).first().name == "Choosing an orientation"


def test_centre_slug_must_be_unique():
    CentreFactory(slug="taken")
    with pytest.raises(DomainError):
        services.centre_create(
            data={"name": "X", "country": "FR", "city": "X", "languages": ["fr"]},
            slug="taken",
            host_organisation_name="X",
            actor=None,
        )


def test_adding_a_new_person_invites_them_by_email(django_capture_on_commit_callbacks):
    centre = CentreFactory()
    actor = MembershipFactory(centre=centre, coordinator=True).user  # the service checks the role
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_add(
            centre=centre,
            email="New.Person@Example.org",
            full_name="New Person",
            roles=[Role.RECEPTION],
            organisation=None,
            actor=actor,
        )
    assert membership.user.email == "new.person@example.org"
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="membership.create", actor=actor, centre=centre).exists()


def test_adding_a_person_who_already_has_an_account_sends_no_invitation(django_capture_on_commit_callbacks):
    existing = MembershipFactory().user
    centre = CentreFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_add(
            centre=centre,
            email=existing.email,
            full_name="ignored",
            roles=[Role.ADVISER],
            organisation=None,
            actor=None,
        )
    assert mail.outbox == []
    assert existing.memberships.count() == 2


def test_adding_an_active_member_again_is_refused():
    membership = MembershipFactory()
    with pytest.raises(DomainError):
        services.membership_add(
            centre=membership.centre,
            email=membership.user.email,
            full_name="x",
            roles=[Role.ADVISER],
            organisation=None,
            actor=None,
        )


def test_adding_a_former_member_reactivates_the_membership():
    membership = MembershipFactory(is_active=False)
    again = services.membership_add(
        centre=membership.centre,
        email=membership.user.email,
        full_name="x",
        roles=[Role.LOGISTICS],
        organisation=None,
        actor=None,
    )
    assert again.pk == membership.pk
    assert again.is_active and again.roles == [Role.LOGISTICS]


def test_a_membership_needs_a_role():
    with pytest.raises(DomainError):
        services.membership_add(
            centre=CentreFactory(), email="a@example.org", full_name="A", roles=[], organisation=None, actor=None
        )


def test_an_employer_from_another_cite_is_refused():
    membership = MembershipFactory()
    with pytest.raises(DomainError):
        services.membership_update(
            membership=membership,
            roles=[Role.ADVISER],
            organisation=OrganisationFactory(),
            is_active=True,
            actor=None,
        )


def test_the_last_coordinator_cannot_leave_nor_lose_the_role():
    coordinator = MembershipFactory(roles=[Role.COORDINATOR])
    with pytest.raises(DomainError):
        services.membership_update(
            membership=coordinator, roles=[Role.COORDINATOR], organisation=None, is_active=False, actor=None
        )
    with pytest.raises(DomainError):
        services.membership_update(
            membership=coordinator, roles=[Role.ADVISER], organisation=None, is_active=True, actor=None
        )
    coordinator.refresh_from_db()
    assert coordinator.is_active and coordinator.roles == [Role.COORDINATOR]


def test_a_coordinator_can_leave_when_another_remains():
    coordinator = MembershipFactory(roles=[Role.COORDINATOR])
    MembershipFactory(centre=coordinator.centre, roles=[Role.COORDINATOR])
    services.membership_update(
        membership=coordinator, roles=[Role.COORDINATOR], organisation=None, is_active=False, actor=None
    )
    assert not Membership.objects.get(pk=coordinator.pk).is_active
    assert AuditEntry.objects.filter(action="membership.deactivate").exists()


def test_organisation_names_are_unique_in_a_directory_whatever_the_case():
    organisation = OrganisationFactory(name="France Travail")
    with pytest.raises(DomainError):
        services.organisation_create(
            centre=organisation.centre, data={"name": "france travail", "kind": OrganisationKind.OTHER}, actor=None
        )
    # Another Cité keeps its own directory.
    services.organisation_create(centre=CentreFactory(), data={"name": "France Travail", "kind": "other"}, actor=None)


def test_a_partnership_cannot_end_before_it_starts():
    organisation = OrganisationFactory()
    with pytest.raises(DomainError):
        services.partnership_create(
            centre=organisation.centre,
            data={
                "organisation": organisation,
                "title": "T",
                "starts_on": date(2026, 5, 1),
                "ends_on": date(2026, 4, 1),
            },
            advice_areas=[],
            actor=None,
        )


def test_a_partnership_cannot_cover_the_areas_of_another_cite():
    organisation = OrganisationFactory()
    foreign_area = CentreFactory(with_areas=True).advice_areas.first()
    with pytest.raises(DomainError):
        services.partnership_create(
            centre=organisation.centre,
            data={"organisation": organisation, "title": "T", "starts_on": date(2026, 1, 1)},
            advice_areas=[foreign_area],
            actor=None,
        )


def test_partnership_update_logs_what_changed():
    organisation = OrganisationFactory()
    centre = organisation.centre
    partnership = services.partnership_create(
        centre=centre,
        data={"organisation": organisation, "title": "T", "starts_on": date(2026, 1, 1), "adviser_hours_per_month": 10},
        advice_areas=[],
        actor=None,
    )
    services.partnership_update(
        partnership=partnership,
        data={"title": "T", "starts_on": date(2026, 1, 1), "adviser_hours_per_month": 20},
        advice_areas=[],
        actor=None,
    )
    entry = AuditEntry.objects.get(action="partnership.update")
    assert entry.changes == {"adviser_hours_per_month": [10, 20]}


def test_profile_update_logs_only_real_changes():
    centre = CentreFactory(city="Lyon")
    services.centre_update_profile(centre=centre, data={"city": "Lyon"}, actor=None)
    assert not AuditEntry.objects.filter(action="centre.update").exists()
    services.centre_update_profile(centre=centre, data={"city": "Villeurbanne"}, actor=None)
    assert AuditEntry.objects.get(action="centre.update").changes == {"city": ["Lyon", "Villeurbanne"]}


# Each write of the service layer, as (expected action, function(centre, actor) -> the object it changed).
WRITES = [
    pytest.param(
        "centre.update",
        lambda centre, actor: services.centre_update_profile(centre=centre, data={"city": "Lille"}, actor=actor),
        id="centre_update_profile",
    ),
    pytest.param(
        "organisation.create",
        lambda centre, actor: services.organisation_create(
            centre=centre, data={"name": "AFPA", "kind": OrganisationKind.TRAINING}, actor=actor
        ),
        id="organisation_create",
    ),
    pytest.param(
        "organisation.update",
        lambda centre, actor: services.organisation_update(
            organisation=OrganisationFactory(centre=centre), data={"name": "Renamed"}, actor=actor
        ),
        id="organisation_update",
    ),
    pytest.param(
        "partnership.create",
        lambda centre, actor: services.partnership_create(
            centre=centre,
            data={"organisation": OrganisationFactory(centre=centre), "title": "T", "starts_on": date(2026, 1, 1)},
            advice_areas=centre.advice_areas.all()[:2],
            actor=actor,
        ),
        id="partnership_create",
    ),
    pytest.param(
        "partnership.update",
        lambda centre, actor: services.partnership_update(
            partnership=PartnershipFactory(centre=centre),
            data={"title": "Avenant"},
            advice_areas=[],
            actor=actor,
        ),
        id="partnership_update",
    ),
    pytest.param(
        "membership.create",
        lambda centre, actor: services.membership_add(
            centre=centre, email="a@example.org", full_name="A", roles=[Role.ADVISER], organisation=None, actor=actor
        ),
        id="membership_add",
    ),
    pytest.param(
        "membership.reactivate",
        lambda centre, actor: services.membership_add(
            centre=centre,
            email=MembershipFactory(centre=centre, inactive=True).user.email,
            full_name="A",
            roles=[Role.ADVISER],
            organisation=None,
            actor=actor,
        ),
        id="membership_add-former-member",
    ),
    pytest.param(
        "membership.update",
        lambda centre, actor: services.membership_update(
            membership=MembershipFactory(centre=centre),
            roles=[Role.RECEPTION],
            organisation=None,
            is_active=True,
            actor=actor,
        ),
        id="membership_update",
    ),
    pytest.param(
        "membership.deactivate",
        lambda centre, actor: services.membership_update(
            membership=MembershipFactory(centre=centre),
            roles=[Role.ADVISER],
            organisation=None,
            is_active=False,
            actor=actor,
        ),
        id="membership_update-leaves",
    ),
]


@pytest.mark.parametrize(("action", "write"), WRITES)
def test_every_write_is_logged_with_its_author_and_object(action, write):
    centre = CentreFactory(with_areas=True)
    actor = MembershipFactory(centre=centre, coordinator=True).user
    AuditEntry.objects.all().delete()
    changed = write(centre, actor)
    entry = AuditEntry.objects.get(action=action)
    assert (entry.actor, entry.centre) == (actor, centre)
    assert (entry.target_type, entry.target_id) == (changed._meta.label_lower, str(changed.pk))
    assert entry.target_repr == str(changed)


def test_a_refused_write_leaves_no_trace():
    organisation = OrganisationFactory(name="France Travail")
    AuditEntry.objects.all().delete()
    with pytest.raises(DomainError):
        services.organisation_create(
            centre=organisation.centre, data={"name": "FRANCE TRAVAIL", "kind": OrganisationKind.OTHER}, actor=None
        )
    assert not AuditEntry.objects.exists()
