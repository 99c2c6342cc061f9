import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.core.models import Notification
from citemetiers.library.models import Resource, ResourceFile
from citemetiers.library.vocab import Kind, Visibility
from tests.factories import ResourceFactory


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def url(name, centre, **kwargs):
    return reverse(f"library:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


@pytest.fixture
def adviser(client_as):
    client = client_as(Role.ADVISER)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_search_page_shows_hits_with_marked_words_and_facets(adviser, centre, other_centre):
    ResourceFactory(centre=other_centre, title="Les métiers de la mer", summary="Tous les métiers de la pêche.")
    page = adviser.get(url("search", centre), {"q": "métier"}).content.decode()
    assert "Les métiers de la mer" in page
    assert "<mark>métiers</mark>" in page
    assert other_centre.name in page, "the author Cité is a facet and a line of the hit"
    assert "1 resource" in page


def test_htmx_gets_only_the_results(adviser, centre):
    ResourceFactory(centre=centre, title="Atelier CV")
    response = adviser.get(url("search", centre), {"q": "atelier"}, headers={"HX-Request": "true"})
    assert "Atelier CV" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_resource_is_shared_from_the_form(adviser, centre):
    response = adviser.post(
        url("resource_add", centre),
        {
            "resource-kind": Kind.METHODOLOGY,
            "resource-visibility": "network",
            "resource-licence": "cc-by-4.0",
            "resource-themes": ["cv"],
            "text-language": "fr",
            "text-title": "Méthode d'accueil",
            "text-summary": "Accueillir sans rendez-vous.",
        },
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("resource", centre, resource_pk=resource.pk)
    assert (resource.kind, resource.facet_values("theme"), str(resource)) == (
        "methodology",
        ["cv"],
        "Méthode d'accueil",
    )


def test_a_form_without_title_is_shown_again_with_what_was_typed(adviser, centre):
    response = adviser.post(
        url("resource_add", centre),
        {
            "resource-kind": "tool",
            "resource-visibility": "network",
            "resource-licence": "cc-by-4.0",
            "text-language": "fr",
            "text-summary": "Un résumé à garder",
        },
    )
    assert response.status_code == 422
    assert "Un résumé à garder" in response.content.decode()
    assert "Nothing has been saved yet" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_refused_upload_says_why_and_stores_nothing(adviser, centre):
    resource = ResourceFactory(centre=centre)
    upload = SimpleUploadedFile("fiche.docx", b"%PDF-1.4 not really")
    response = adviser.post(url("file_add", centre, resource_pk=resource.pk), {"file": upload, "language": "fr"})
    assert response.status_code == 302
    assert any("PDF format" in str(message) for message in get_messages(response.wsgi_request))
    assert not ResourceFile.objects.exists()


def test_another_cites_resource_cannot_be_edited_even_when_shared(adviser, centre, other_centre):
    resource = ResourceFactory(centre=other_centre)
    assert adviser.get(url("resource", centre, resource_pk=resource.pk)).status_code == 200
    assert adviser.get(url("resource_edit", centre, resource_pk=resource.pk)).status_code == 404
    assert adviser.post(url("translation_edit", centre, resource_pk=resource.pk), {}).status_code == 404


def test_a_peer_evaluation_shows_in_the_averages_and_tells_the_author(adviser, centre, other_centre):
    resource = ResourceFactory(centre=other_centre)
    response = adviser.post(
        url("evaluate", centre, resource_pk=resource.pk),
        {"usefulness": "5", "clarity": "4", "transferability": "3", "comment": "Repris chez nous"},
    )
    assert response.status_code == 302
    page = adviser.get(url("resource", centre, resource_pk=resource.pk)).content.decode()
    assert "Repris chez nous" in page
    assert "5.0 / 5" in page
    assert Notification.objects.filter(centre=other_centre).count() == 1


def test_an_older_version_stays_readable(adviser, centre):
    resource = ResourceFactory(centre=centre, title="Première mouture")
    adviser.post(
        url("translation_edit", centre, resource_pk=resource.pk) + "?language=fr",
        {"text-title": "Seconde mouture", "change_note": "Réécriture"},
    )
    resource.refresh_from_db()
    assert resource.version == 2
    versions = adviser.get(url("versions", centre, resource_pk=resource.pk)).content.decode()
    assert "Réécriture" in versions
    older = adviser.get(url("version", centre, resource_pk=resource.pk, number=1)).content.decode()
    assert "Première mouture" in older
    assert "This is an older version" in older


def test_practice_sheets_are_compared_section_by_section(adviser, centre, other_centre):
    first = ResourceFactory(centre=centre, kind=Kind.PRACTICE_SHEET, title="Accueil en binôme")
    second = ResourceFactory(centre=other_centre, kind=Kind.PRACTICE_SHEET, title="Accueil au téléphone")
    for resource, method in ((first, "Deux conseillers ensemble"), (second, "Un numéro unique")):
        text = resource.translations.get()
        text.method = method
        text.save()
    page = adviser.get(url("compare", centre), {"r": [first.pk, second.pk]}).content.decode()
    assert page.index("Deux conseillers ensemble") < page.index("Un numéro unique")
    assert other_centre.name in page


def test_the_author_cite_reads_the_news_of_an_evaluation_on_its_home_page(client, centre, other_centre, member):
    resource = ResourceFactory(centre=centre, title="Notre méthode")
    peer = member(Role.ADVISER, centre=other_centre)
    client.force_login(peer.user)
    client.post(
        url("evaluate", other_centre, resource_pk=resource.pk),
        {"usefulness": "4", "clarity": "4", "transferability": "4"},
    )
    client.force_login(member(Role.RECEPTION).user)
    home = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content.decode()
    assert other_centre.name in home
    assert url("resource", centre, resource_pk=resource.pk) in home


def test_network_staff_search_and_read_shared_resources_only(client, centre, other_centre, network_user):
    shared = ResourceFactory(centre=other_centre, title="Méthode partagée d'accueil")
    private = ResourceFactory(centre=other_centre, title="Méthode interne d'accueil", visibility=Visibility.CENTRE)
    client.force_login(network_user(NetworkRole.LABEL_EVALUATOR))
    page = client.get(reverse("network_library:search"), {"q": "méthode accueil"}).content.decode()
    assert "Méthode partagée" in page
    assert "Méthode interne" not in page
    assert reverse("network_library:resource", kwargs={"resource_pk": shared.pk}) in page
    assert client.get(reverse("network_library:resource", kwargs={"resource_pk": shared.pk})).status_code == 200
    assert client.get(reverse("network_library:resource", kwargs={"resource_pk": private.pk})).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"q": "cv", "page": "99999999999999999999"},
        {"occupation": "99999999999999999999"},
        {"centre": "²"},
        {"q": "x" * 500},
    ],
)
def test_odd_search_addresses_answer_a_page(adviser, centre, query):
    assert adviser.get(url("search", centre), query).status_code == 200


def test_odd_comparison_addresses_answer_a_page(adviser, centre):
    assert adviser.get(url("compare", centre), {"r": ["²", "99999999999999999999", "1"]}).status_code == 200


def test_a_wrong_link_comes_back_with_what_was_typed(adviser, centre):
    resource = ResourceFactory(centre=centre)
    response = adviser.post(
        url("link_add", centre, resource_pk=resource.pk), {"url": "pas une adresse", "label": "Mon lien"}
    )
    assert response.status_code == 422
    assert 'value="Mon lien"' in response.content.decode()
    assert not resource.links.exists()
