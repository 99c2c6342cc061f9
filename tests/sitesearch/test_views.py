"""The header search: pages the person may open, resources they may read, partners of their Cité."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.library.vocab import Visibility
from tests.factories import MembershipFactory, OrganisationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _search(client, centre, q):
    return client.get(reverse("sitesearch:centre", kwargs={"centre_slug": centre.slug}), {"q": q})


def test_every_page_has_the_search_box_in_its_header(client_as, centre):
    html = client_as(Role.RECEPTION).get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content
    assert b'role="search"' in html
    assert reverse("sitesearch:centre", kwargs={"centre_slug": centre.slug}).encode() in html


def test_finds_a_page_the_person_may_open_by_its_name(client_as, centre):
    response = _search(client_as(Role.COORDINATOR), centre, "journal")  # "Journal des modifications"
    assert reverse("centres:audit", kwargs={"centre_slug": centre.slug}) in response.content.decode()


def test_does_not_offer_a_page_the_person_may_not_open(client_as, centre):
    response = _search(client_as(Role.RECEPTION), centre, "journal")
    assert response.status_code == 200
    assert reverse("centres:audit", kwargs={"centre_slug": centre.slug}) not in response.content.decode()


def test_page_names_match_without_accents_or_capitals(client_as, centre):
    response = _search(client_as(Role.COORDINATOR), centre, "PARAMETRES")  # the workspace "Paramètres"
    assert reverse("centres:profile", kwargs={"centre_slug": centre.slug}) in response.content.decode()


def test_finds_a_library_resource_and_respects_its_visibility(client_as, centre, other_centre):
    mine = ResourceFactory(centre=centre, title="Fiche reconversion boulangerie", visibility=Visibility.CENTRE)
    theirs = ResourceFactory(centre=other_centre, title="Guide boulangerie privé", visibility=Visibility.CENTRE)
    html = _search(client_as(Role.ADVISER), centre, "boulangerie").content.decode()
    assert reverse("library:resource", kwargs={"centre_slug": centre.slug, "resource_pk": mine.pk}) in html
    assert "Guide boulangerie privé" not in html
    assert reverse("library:resource", kwargs={"centre_slug": centre.slug, "resource_pk": theirs.pk}) not in html


def test_finds_a_partner_of_the_cite_and_not_another_cites(client_as, centre, other_centre):
    OrganisationFactory(centre=centre, name="Mission locale du Nord", address="3 rue des Arts")
    OrganisationFactory(centre=other_centre, name="Mission locale du Sud")
    html = _search(client_as(Role.RECEPTION), centre, "mission locale").content.decode()
    assert "Mission locale du Nord" in html
    assert "3 rue des Arts" in html
    assert "Mission locale du Sud" not in html


def test_a_partner_links_to_its_page_only_for_who_may_edit_it(client_as, centre):
    organisation = OrganisationFactory(centre=centre, name="Mission locale du Nord")
    edit = reverse("centres:organisation_edit", kwargs={"centre_slug": centre.slug, "organisation_pk": organisation.pk})
    assert edit in _search(client_as(Role.PARTNERSHIPS), centre, "mission").content.decode()
    assert edit not in _search(client_as(Role.RECEPTION), centre, "mission").content.decode()


def test_a_query_too_long_is_shown_again_with_its_error(client_as, centre):
    response = _search(client_as(Role.RECEPTION), centre, "x" * 201)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_single_letter_searches_nothing(client_as, centre):
    response = _search(client_as(Role.RECEPTION), centre, "a")
    assert response.status_code == 200
    assert response.context["results"] is None


def test_another_cites_search_is_not_found(client_as, other_centre):
    assert _search(client_as(Role.RECEPTION), other_centre, "mission").status_code == 404


def test_network_staff_find_network_pages_and_shared_resources(client, centre):
    shared = ResourceFactory(centre=centre, title="Méthode boulangerie partagée")
    ResourceFactory(centre=centre, title="Méthode boulangerie privée", visibility=Visibility.CENTRE)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    html = client.get(reverse("network_search:search"), {"q": "boulangerie"}).content.decode()
    assert reverse("network_library:resource", kwargs={"resource_pk": shared.pk}) in html
    assert "privée" not in html
    html = client.get(reverse("network_search:search"), {"q": "comparaison"}).content.decode()
    assert reverse("network_indicators:network_comparison") in html


def test_the_results_page_query_count_is_pinned(client_as, centre, django_assert_max_num_queries):
    OrganisationFactory(centre=centre, name="Mission locale du Nord")
    ResourceFactory(centre=centre, title="Mission locale : fiche")
    client = client_as(Role.COORDINATOR)
    # 15 on SQLite; 17 on PostgreSQL, where the library's search builds the tsquery of each of its two
    # passes (every word, then the looser match) in a statement of its own.
    with django_assert_max_num_queries(17):
        assert _search(client, centre, "mission locale").status_code == 200


def test_the_search_needs_membership(client, centre):
    client.force_login(MembershipFactory(centre=centre, roles=[Role.ADVISER], is_active=False).user)
    assert _search(client, centre, "mission").status_code == 404
