"""Errors answer with the platform's own pages, in the reader's language and with a way back."""

import html

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse
from django.utils import translation

from citemetiers.accounts.roles import Role
from citemetiers.core import views as core_views

STYLESHEET = '<link rel="stylesheet" href="/static/css/app.css">'


def _is_styled(page: str) -> bool:
    return STYLESHEET in page and 'class="site-header"' in page and '<main id="main"' in page


@pytest.mark.parametrize(
    ("language", "title", "way_back"),
    [("fr", "Page introuvable", "Revenir à l'accueil"), ("en", "Page not found", "Back to the home page")],
)
def test_a_missing_page_answers_the_styled_404_in_the_readers_language(client, db, language, title, way_back):
    response = client.get("/nothing-here/", headers={"accept-language": language})
    page = html.unescape(response.content.decode())
    assert response.status_code == 404
    assert _is_styled(page)
    assert title in page and way_back in page
    assert f'<html lang="{language}">' in page


def test_a_missing_object_of_a_cite_offers_the_way_back_to_that_cite(client_as, centre):
    client = client_as(Role.COORDINATOR)
    response = client.get(f"/c/{centre.slug}/settings/areas/999999/")
    assert response.status_code == 404
    assert f'href="{reverse("centres:home", kwargs={"centre_slug": centre.slug})}"' in response.content.decode()


def test_a_forbidden_page_answers_the_styled_403(client_as, centre):
    client = client_as(Role.RECEPTION)
    response = client.get(reverse("centres:audit", kwargs={"centre_slug": centre.slug}))
    page = html.unescape(response.content.decode())
    assert response.status_code == 403
    assert _is_styled(page)
    assert "Accès refusé" in page
    assert f'href="{reverse("centres:home", kwargs={"centre_slug": centre.slug})}"' in page


def test_a_failed_csrf_check_answers_the_styled_page_and_says_what_to_do(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a@example.org"})
    page = html.unescape(response.content.decode())
    assert response.status_code == 403
    assert _is_styled(page)
    assert "Le formulaire a expiré" in page


def test_a_bad_request_answers_the_styled_400(db):
    with translation.override("en"):
        response = get_resolver().resolve_error_handler(400)(RequestFactory().get("/"), exception=Exception())
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert _is_styled(page)
    assert "Bad request" in page


@pytest.mark.parametrize(("language", "title"), [("fr", "Une erreur est survenue"), ("en", "Something went wrong")])
def test_a_crash_answers_the_styled_500_without_the_request(db, monkeypatch, language, title):
    """The 500 page is rendered without a request or context processors: they may be what broke."""

    class BrokenConnection:
        def cursor(self):
            raise RuntimeError("the database went away")

    monkeypatch.setattr(core_views, "connection", BrokenConnection())
    response = Client(raise_request_exception=False).get("/healthz", headers={"accept-language": language})
    page = html.unescape(response.content.decode())
    assert response.status_code == 500
    assert _is_styled(page)
    assert title in page and f'<html lang="{language}">' in page
    assert 'href="/"' in page
