"""Codes typed at the door and the code's page are throttled: past the limit, a 429 with a message."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.events import services
from tests.events.factories import SessionFactory
from tests.factories import CentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_codes_typed_at_the_door_past_the_limit_answer_429_with_a_message(client, settings):
    settings.EVENTS_DOOR_CODE_LIMIT = 3
    centre = CentreFactory()
    session = SessionFactory(centre=centre)
    client.force_login(MembershipFactory(centre=centre, roles=[Role.RECEPTION]).user)
    url = reverse("events:door", kwargs={"centre_slug": centre.slug, "session_pk": session.pk})
    statuses = [client.post(url, {"code": "ABCDEF"}).status_code for _ in range(4)]
    response = client.post(url, {"code": "ABCDEF"})
    assert statuses[:3] == [302, 302, 302]
    assert response.status_code == 429
    assert "Trop de codes saisis" in response.content.decode()


def test_the_code_page_past_the_limit_answers_429(client, settings):
    settings.EVENTS_CODE_PAGE_LIMIT = 2
    registration = services.registration_create(session=SessionFactory(), actor=None)
    url = reverse("events_public:code", kwargs={"code_secret": registration.secret})
    statuses = [client.get(url).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
