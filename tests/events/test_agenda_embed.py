"""The agenda's embeddable snippet: framed by the Cité's own website only, every other page by nobody."""

import pytest
from django.urls import reverse

from tests.events.factories import SessionFactory
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


def test_the_snippet_lists_the_sessions_and_may_be_framed_by_the_cites_website_only(client):
    centre = CentreFactory(website="https://www.cite-metiers.example/agenda/")
    SessionFactory(centre=centre, title="CV workshop")
    response = client.get(reverse("events_public:agenda_embed", kwargs={"agenda_slug": centre.slug}))
    assert "CV workshop" in response.content.decode()
    assert "frame-ancestors https://www.cite-metiers.example;" in response["Content-Security-Policy"] + ";"
    assert "X-Frame-Options" not in response


def test_the_agenda_page_itself_still_refuses_every_frame(client):
    centre = CentreFactory(website="https://www.cite-metiers.example/")
    response = client.get(reverse("events_public:agenda", kwargs={"agenda_slug": centre.slug}))
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_without_a_website_the_snippet_is_framed_by_nobody(client):
    centre = CentreFactory(website="")
    response = client.get(reverse("events_public:agenda_embed", kwargs={"agenda_slug": centre.slug}))
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
