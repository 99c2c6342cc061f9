"""The audit log read by a coordinator: sentences in their language, labels, values and links."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.centres import services as centre_services
from citemetiers.core.models import AuditEntry
from citemetiers.reception import services as reception_services
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _log(client, centre, language, **params):
    url = reverse("centres:audit", kwargs={"centre_slug": centre.slug})
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=language).content.decode()


@pytest.fixture
def camille(centre):
    return MembershipFactory(centre=centre, roles=[Role.COORDINATOR], user=UserFactory(full_name="Camille Martin"))


def test_a_profile_change_reads_as_a_sentence_naming_the_fields(client, centre, camille):
    centre_services.centre_update_profile(
        centre=centre, data={"opening_hours": {"0": [["09:00", "12:00"]]}, "phone": "01 23"}, actor=camille.user
    )
    client.force_login(camille.user)
    assert "Camille Martin changed the Cité&#x27;s profile: contact phone and opening hours." in _log(
        client, centre, "en"
    )
    french = _log(client, centre, "fr").replace("&#x27;", "'")
    assert "Camille Martin a modifié la fiche de la Cité : téléphone de contact et horaires d'ouverture." in french


def test_values_are_labels_and_lists_are_joined_as_words(client, centre, camille):
    member = MembershipFactory(centre=centre, roles=[Role.ADVISER], user=UserFactory(full_name="Sam Petit"))
    centre_services.membership_update(
        membership=member,
        roles=[Role.ADVISER, Role.RECEPTION],
        organisation=None,
        is_active=True,
        actor=camille.user,
    )
    client.force_login(camille.user)
    english = _log(client, centre, "en")
    assert "Camille Martin changed the membership of “Sam Petit" in english
    assert "Adviser → Reception agent and Adviser" in english
    assert "[&#x27;adviser&#x27;" not in english and "roles</code>" not in english
    french = _log(client, centre, "fr")
    assert "Conseiller·ère → Chargé·e d&#x27;accueil et Conseiller·ère" in french


def test_an_object_is_linked_when_the_reader_may_open_it(client, centre, camille):
    area = centre.advice_areas.first()
    reception_services.advice_area_update(
        area=area, data={"name": "Emploi et métiers", "code": area.code}, actor=camille.user
    )
    client.force_login(camille.user)
    english = _log(client, centre, "en")
    assert f"changed the advice area “{area.name}”: name." in english.replace("&#x27;", "'")
    assert reverse("reception:area_edit", kwargs={"centre_slug": centre.slug, "area_pk": area.pk}) in english
    assert "“Emploi et métiers” " not in english  # the old and new values, not a Python list
    assert "→ Emploi et métiers" in english


def test_an_object_that_no_longer_exists_is_not_linked(client, centre, camille):
    AuditEntry.objects.create(
        centre=centre, action="theme.update", target_type="reception.theme", target_id="999999", target_repr="Gone"
    )
    client.force_login(camille.user)
    page = _log(client, centre, "en")
    assert "The platform changed the theme “Gone”." in page
    assert "/settings/themes/999999/" not in page


def test_the_log_is_paginated_by_fifty(client, centre, camille):
    AuditEntry.objects.bulk_create(
        AuditEntry(centre=centre, action="theme.create", target_type="reception.theme", target_repr=f"T{n}")
        for n in range(51)
    )
    client.force_login(camille.user)
    page = _log(client, centre, "en")
    assert page.count("The platform added the theme") == 50 and "Page 1 of 2" in page


@pytest.fixture
def fifty_one_entries(centre):
    AuditEntry.objects.bulk_create(
        AuditEntry(centre=centre, action="theme.create", target_type="reception.theme", target_repr=f"T{n}")
        for n in range(51)
    )


def test_page_two_of_the_log_shows_the_rest(client, centre, camille, fifty_one_entries):
    client.force_login(camille.user)
    page = _log(client, centre, "en", page=2)
    assert page.count("The platform added the theme") == 1


@pytest.mark.parametrize("number", ["999", "-1", "abc", ""])
def test_a_bad_page_number_answers_a_page_never_an_error(client, centre, camille, fifty_one_entries, number):
    client.force_login(camille.user)
    url = reverse("centres:audit", kwargs={"centre_slug": centre.slug})
    response = client.get(url, {"page": number}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and b"The platform added the theme" in response.content


def test_the_log_pages_are_a_named_nav_marking_the_current_page(client, centre, camille, fifty_one_entries):
    client.force_login(camille.user)
    page = _log(client, centre, "en", page=2, action="theme")
    assert 'aria-label="Pages of the audit log"' in page
    assert 'href="?page=2&amp;action=theme" aria-current="page"' in page or (
        'href="?action=theme&amp;page=2" aria-current="page"' in page
    )


def test_a_page_of_the_log_costs_the_same_queries_whatever_its_length(
    client, centre, camille, fifty_one_entries, django_assert_max_num_queries
):
    client.force_login(camille.user)
    url = reverse("centres:audit", kwargs={"centre_slug": centre.slug})
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
