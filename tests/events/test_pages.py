"""The events' pages: tenancy, the guard, the code's page, the public agenda, the home panel, query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.events import services
from citemetiers.events.models import Session
from tests.events.factories import EventTypeFactory, SessionFactory
from tests.factories import CentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _login(client, centre, roles=(Role.COORDINATOR,)):
    client.force_login(MembershipFactory(centre=centre, roles=list(roles)).user)


def _url(name, centre, **kwargs):
    return reverse(name, kwargs={"centre_slug": centre.slug, **kwargs})


def test_another_cites_session_answers_404(client):
    centre = CentreFactory()
    _login(client, centre)
    other = SessionFactory()
    assert client.get(_url("events:session", centre, session_pk=other.pk)).status_code == 404


def test_door_check_in_of_another_cites_session_answers_404(client):
    centre = CentreFactory()
    _login(client, centre, roles=[Role.RECEPTION])
    other = SessionFactory()
    response = client.post(_url("events:door", centre, session_pk=other.pk), {"code": "ABCDEF"})
    assert response.status_code == 404


def test_a_description_with_personal_data_is_refused_and_nothing_saved(client):
    centre = CentreFactory()
    _login(client, centre)
    event_type = EventTypeFactory(centre=centre)
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(
        _url("events:session_new", centre),
        {
            "event_type": event_type.pk,
            "title": "CV workshop",
            "description": "Call Jeanne on 06 12 34 56 78 or jeanne.martin@example.org",
            "place_kind": "room",
            "capacity": 10,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    assert not Session.objects.filter(centre=centre).exists()


def test_the_codes_page_says_the_cite_cancelled_the_session(client):
    session = SessionFactory()
    registration = services.registration_create(session=session, actor=None)
    services.session_cancel(session=session, actor=None)
    content = client.get(reverse("events_public:code", kwargs={"code_secret": registration.secret})).content.decode()
    assert "The Cité has cancelled this session" in content or "La Cité a annulé cette séance" in content


def test_the_codes_page_shows_the_waiting_position_then_the_freed_place(client):
    session = SessionFactory(capacity=1)
    first = services.registration_create(session=session, actor=None)
    waiting = services.registration_create(session=session, actor=None)
    url = reverse("events_public:code", kwargs={"code_secret": waiting.secret})
    assert "position 1" in client.get(url).content.decode()
    client.post(reverse("events_public:code_cancel", kwargs={"code_secret": first.secret}), {"confirm": "1"})
    content = client.get(url).content.decode()
    assert "une place s" in content or "a place freed up" in content


def test_a_wrong_secret_answers_404(client):
    assert client.get(reverse("events_public:code", kwargs={"code_secret": "x" * 43})).status_code == 404


def test_the_public_agenda_shows_upcoming_sessions_without_login(client):
    session = SessionFactory(title="Job dating with the hospital")
    cancelled = SessionFactory(centre=session.centre, title="Cancelled forum")
    services.session_cancel(session=cancelled, actor=None)
    content = client.get(reverse("events_public:agenda", kwargs={"agenda_slug": session.centre.slug})).content.decode()
    assert "Job dating with the hospital" in content
    assert "Cancelled forum" not in content


def test_reception_home_shows_todays_workshops(client):
    centre = CentreFactory()
    _login(client, centre, roles=[Role.RECEPTION])
    SessionFactory(centre=centre, title="Today's CV workshop", starts_at=timezone.now() + timedelta(minutes=30))
    content = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content.decode()
    assert "Today&#x27;s CV workshop" in content


def test_the_session_list_query_count_does_not_grow_with_sessions(client, django_assert_max_num_queries):
    centre = CentreFactory()
    _login(client, centre)
    for _ in range(8):
        session = SessionFactory(centre=centre)
        services.registration_create(session=session, actor=None)
    # session and user, membership, the sessions with their counts, the indicators' sessions,
    # the navigation's and the page's shared reads (centre switcher, messages).
    with django_assert_max_num_queries(12):
        assert client.get(_url("events:list", centre)).status_code == 200


def test_the_session_page_query_count_does_not_grow_with_codes(client, django_assert_max_num_queries):
    centre = CentreFactory()
    _login(client, centre)
    session = SessionFactory(centre=centre, capacity=50)
    for _ in range(20):
        services.registration_create(session=session, actor=None)
    # session and user, membership, the session with its counts, its codes, the shared reads.
    with django_assert_max_num_queries(10):
        assert client.get(_url("events:session", centre, session_pk=session.pk)).status_code == 200


def test_the_csv_export_counts_each_sessions_places(client):
    centre = CentreFactory()
    _login(client, centre)
    session = SessionFactory(centre=centre, title="=HYPERLINK(evil)", capacity=2)
    services.registration_create(session=session, actor=None, places=2)
    services.registration_create(session=session, actor=None)
    body = client.get(_url("events:csv", centre)).content.decode()
    assert "'=HYPERLINK(evil)" in body
    assert ",2,2,1,0,0" in body


def test_the_staff_button_on_a_session_says_register_the_visitor_in_french(client):
    centre = CentreFactory()
    _login(client, centre, roles=[Role.RECEPTION])
    session = SessionFactory(centre=centre, starts_at=timezone.now() + timedelta(days=2))
    page = client.get(_url("events:session", centre, session_pk=session.pk), HTTP_ACCEPT_LANGUAGE="fr")
    html = page.content.decode()
    assert ">Inscrire</button>" in html, "staff register a visitor: « Inscrire », not « S’inscrire »"


def test_an_empty_code_typed_at_the_door_says_so(client):
    centre = CentreFactory()
    _login(client, centre, roles=[Role.RECEPTION])
    session = SessionFactory(centre=centre, starts_at=timezone.now() + timedelta(hours=1))
    page = client.post(
        _url("events:door", centre, session_pk=session.pk), {"code": "  "}, follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert [str(m) for m in page.context["messages"]] == ["Type the registration code."]
