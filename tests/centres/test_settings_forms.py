"""Each settings form refuses bad input with a readable message, keeps what was typed and writes nothing."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from citemetiers.centres.models import Centre, Membership, Organisation, Partnership
from citemetiers.core.models import AuditEntry
from citemetiers.reception.models import AdviceArea
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory


def _url(name, centre, **kwargs):
    return reverse(name, kwargs={"centre_slug": centre.slug, **kwargs})


def _assert_refused(response, message, field=None):
    """The page comes back with the error summary, the message next to its field, and no trace of a write."""
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "Rien n'a encore été enregistré" in content
    if field is None:
        assert message in content
    else:
        errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', content, re.DOTALL)
        assert errors, f"no error shown next to the field {field!r}"
        assert message in errors.group(1)
    assert not AuditEntry.objects.exclude(action__in=["advice_area.create"]).exists()


PROFILE = {
    "name": "Cité des métiers de Lyon",
    "country": "FR",
    "city": "Lyon",
    "main_language": "fr",
    "time_zone": "Europe/Paris",
}


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("9h-8h", "la fin précède le début"),
        ("25:00-26:00", "contient une heure qui n'existe pas"),
        ("09:00-12:00, 11:00-14:00", "Deux plages d'ouverture se chevauchent"),
        ("le matin", "n'est pas une plage horaire"),
    ],
)
def test_profile_refuses_impossible_opening_hours(coordinator_client, centre, hours, message):
    response = coordinator_client.post(_url("centres:profile", centre), {**PROFILE, "hours_2": hours})
    _assert_refused(response, message, field="hours_2")
    assert f'value="{hours}"' in response.content.decode()
    assert Centre.objects.get(pk=centre.pk).opening_hours == {}


def test_profile_requires_a_name(coordinator_client, centre):
    response = coordinator_client.post(_url("centres:profile", centre), {**PROFILE, "name": ""})
    _assert_refused(response, "Ce champ est obligatoire", field="name")
    assert Centre.objects.get(pk=centre.pk).name == centre.name


def test_profile_saves_hours_and_languages_in_order(coordinator_client, centre):
    data = {**PROFILE, "main_language": "it", "languages": ["en", "fr"], "hours_0": "9h-12h30, 13:30-17:00"}
    response = coordinator_client.post(_url("centres:profile", centre), data)
    assert response.status_code == 302
    centre.refresh_from_db()
    assert centre.languages == ["it", "en", "fr"]
    assert centre.opening_hours == {"0": [["09:00", "12:30"], ["13:30", "17:00"]]}
    assert AuditEntry.objects.filter(action="centre.update", centre=centre).exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Numérique", "code": "A1"}, "code", "Utilisez une ou deux lettres majuscules"),
        ({"name": "Numérique", "code": "b"}, "code", "Un autre pôle utilise déjà la lettre B"),
        ({"name": "Se former", "code": "N"}, "name", "Un autre pôle porte déjà ce nom"),
        ({"name": "", "code": "N"}, "name", "Ce champ est obligatoire"),
    ],
)
def test_area_form_refuses_bad_letters_and_duplicates(coordinator_client, centre, data, field, message):
    before = AdviceArea.objects.count()
    response = coordinator_client.post(_url("reception:area_add", centre), {**data, "is_active": "on"})
    _assert_refused(response, message, field=field)
    assert AdviceArea.objects.count() == before


def test_editing_an_area_refuses_the_letter_of_another_area(coordinator_client, centre):
    area = AdviceArea.objects.for_centre(centre).get(code="C")
    response = coordinator_client.post(
        _url("reception:area_edit", centre, area_pk=area.pk), {"name": "Reconversion", "code": "D", "is_active": "on"}
    )
    _assert_refused(response, "Un autre pôle utilise déjà la lettre D", field="code")
    area.refresh_from_db()
    assert (area.name, area.code) == ("Changer sa vie professionnelle", "C")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "someone@example.org", "full_name": "Someone"}, "roles", "Choisissez au moins un rôle"),
        (
            {"email": "not-an-address", "full_name": "Someone", "roles": ["adviser"]},
            "email",
            "Saisissez une adresse de courriel valide",
        ),
    ],
)
def test_member_form_refuses_missing_role_and_bad_email(coordinator_client, centre, mailoutbox, data, field, message):
    before = (Membership.objects.count(), get_user_model().objects.count())
    response = coordinator_client.post(_url("centres:member_add", centre), data)
    _assert_refused(response, message, field=field)
    assert (Membership.objects.count(), get_user_model().objects.count()) == before
    assert mailoutbox == []


def test_member_form_refuses_someone_already_in_the_team(coordinator_client, centre):
    existing = MembershipFactory(centre=centre)
    AuditEntry.objects.all().delete()
    response = coordinator_client.post(
        _url("centres:member_add", centre),
        {"email": existing.user.email.upper(), "full_name": "Again", "roles": ["reception"]},
    )
    _assert_refused(response, "Cette personne fait déjà partie de l'équipe", field="email")
    assert Membership.objects.get(pk=existing.pk).roles == existing.roles


def test_member_form_refuses_to_leave_the_cite_without_coordinator(coordinator_client, centre):
    membership = coordinator_client.membership
    response = coordinator_client.post(
        _url("centres:member_edit", centre, membership_pk=membership.pk), {"roles": ["adviser"], "is_active": "on"}
    )
    _assert_refused(response, "La Cité a besoin d'au moins un·e coordinateur·rice")
    assert Membership.objects.get(pk=membership.pk).roles == ["coordinator"]


def test_organisation_form_refuses_a_duplicate_name(coordinator_client, centre):
    OrganisationFactory(centre=centre, name="France Travail")
    AuditEntry.objects.all().delete()
    before = Organisation.objects.count()
    response = coordinator_client.post(
        _url("centres:organisation_add", centre), {"name": "FRANCE TRAVAIL", "kind": "employment_service"}
    )
    _assert_refused(response, "Un organisme de ce nom figure déjà dans l'annuaire", field="name")
    assert Organisation.objects.count() == before


def test_partnership_form_refuses_an_end_before_the_start(coordinator_client, centre):
    organisation = OrganisationFactory(centre=centre)
    AuditEntry.objects.all().delete()
    response = coordinator_client.post(
        _url("centres:partnership_add", centre),
        {
            "organisation": organisation.pk,
            "title": "Convention",
            "starts_on": "2026-06-01",
            "ends_on": "2026-01-01",
            "adviser_hours_per_month": "10",
        },
    )
    _assert_refused(response, "La convention ne peut pas se terminer avant de commencer", field="ends_on")
    assert not Partnership.objects.exists()


def test_partnership_form_offers_only_the_cites_own_organisations(coordinator_client, centre, other_centre):
    foreign = OrganisationFactory(centre=other_centre)
    response = coordinator_client.post(
        _url("centres:partnership_add", centre),
        {"organisation": foreign.pk, "title": "C", "starts_on": "2026-01-01", "adviser_hours_per_month": "1"},
    )
    assert response.status_code == 200
    assert not Partnership.objects.exists()


def test_editing_a_partnership_refuses_an_end_before_the_start(coordinator_client, centre):
    partnership = PartnershipFactory(centre=centre)
    AuditEntry.objects.all().delete()
    response = coordinator_client.post(
        _url("centres:partnership_edit", centre, partnership_pk=partnership.pk),
        {"title": "Convention", "starts_on": "2026-06-01", "ends_on": "2026-01-01", "adviser_hours_per_month": "10"},
    )
    _assert_refused(response, "La convention ne peut pas se terminer avant de commencer", field="ends_on")
    assert Partnership.objects.get(pk=partnership.pk).ends_on is None


def test_renaming_an_organisation_like_another_is_refused(coordinator_client, centre):
    OrganisationFactory(centre=centre, name="France Travail")
    organisation = OrganisationFactory(centre=centre, name="Mission locale")
    AuditEntry.objects.all().delete()
    response = coordinator_client.post(
        _url("centres:organisation_edit", centre, organisation_pk=organisation.pk),
        {"name": "france travail", "kind": "association", "is_active": "on"},
    )
    _assert_refused(response, "Un organisme de ce nom figure déjà dans l'annuaire", field="name")
    assert Organisation.objects.get(pk=organisation.pk).name == "Mission locale"


def test_a_new_member_is_invited_by_a_link_that_lets_them_choose_a_password(
    coordinator_client, centre, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            _url("centres:member_add", centre),
            {"email": "nouvelle@example.org", "full_name": "Nouvelle Personne", "roles": ["reception"]},
        )
    assert response.status_code == 302
    (invitation,) = mailoutbox
    assert invitation.to == ["nouvelle@example.org"]
    link = re.search(r"https?://\S+", invitation.body).group(0)
    client = coordinator_client
    client.post(reverse("accounts:logout"))
    form_url = client.get(link)["Location"]
    new_password = "Un-mot-de-passe-assez-long"
    assert client.post(form_url, {"new_password1": new_password, "new_password2": new_password}).status_code == 302
    assert get_user_model().objects.get(email="nouvelle@example.org").check_password(new_password)
