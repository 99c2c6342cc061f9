import re

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.reception.models import AdviceArea, Interview, Ticket, TicketStatus, Visit
from tests.factories import OrganisationFactory, ThemeFactory, TicketFactory

pytestmark = pytest.mark.django_db


def url(name, centre, **kwargs):
    return reverse(f"reception:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


@pytest.fixture
def reception(client_as):
    return client_as(Role.RECEPTION)


@pytest.fixture
def adviser(client_as):
    return client_as(Role.ADVISER)


def area(centre, code):
    return AdviceArea.objects.for_centre(centre).get(code=code)


def test_check_in_issues_a_ticket_and_opens_its_printable_slip(reception, centre):
    response = reception.post(
        url("check_in", centre),
        {"outcome": "queue", "areas": [area(centre, "B").pk], "channel": "walk_in", "age_band": "26_44"},
    )
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("ticket_print", centre, ticket_pk=ticket.pk)
    assert (ticket.label, ticket.visit.age_band, ticket.visit.gender) == ("B-001", "26_44", "")
    slip = reception.get(response["Location"]).content.decode()
    assert "B-001" in slip
    assert '<svg role="img"' in slip  # the QR code of the live page, drawn on the server


def test_check_in_with_every_profile_question_skipped(reception, centre):
    response = reception.post(url("check_in", centre), {"outcome": "queue", "areas": [area(centre, "A").pk]})
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.age_band, visit.gender, visit.situation, visit.residence_area) == ("", "", "", "")


def test_check_in_without_area_shows_the_error_and_writes_nothing(reception, centre):
    response = reception.post(url("check_in", centre), {"outcome": "queue", "age_band": "u18"})
    assert response.status_code == 422
    assert "error-summary" in response.content.decode()
    assert re.search(r'<input type="radio" name="age_band" value="u18"[^>]* checked', response.content.decode())
    assert not Visit.objects.exists()


def test_another_orientation_records_the_visit_without_a_ticket(reception, centre):
    partner = OrganisationFactory(centre=centre)
    response = reception.post(url("check_in", centre), {"outcome": "partner", "organisation": partner.pk})
    assert response["Location"] == url("console", centre)
    visit = Visit.objects.get()
    assert (visit.outcome, visit.outcome_organisation) == ("partner", partner)
    assert not Ticket.objects.exists()


def test_the_console_shows_every_queue_with_its_tickets(reception, centre):
    TicketFactory(centre=centre, area=area(centre, "A"), number=7)
    page = reception.get(url("console", centre)).content.decode()
    assert "A-007" in page
    assert reception.get(url("queues", centre)).status_code == 200


def test_reception_cancels_and_moves_tickets(reception, centre):
    waiting = TicketFactory(centre=centre, area=area(centre, "A"))
    to_move = TicketFactory(centre=centre, area=area(centre, "A"))
    reception.post(url("ticket_cancel", centre, ticket_pk=waiting.pk), {"confirm": "1"})
    waiting.refresh_from_db()
    assert waiting.status == TicketStatus.CANCELLED
    response = reception.post(url("ticket_move", centre, ticket_pk=to_move.pk), {"area": area(centre, "C").pk})
    moved = Ticket.objects.get(area=area(centre, "C"))
    assert response["Location"] == url("ticket_print", centre, ticket_pk=moved.pk)
    assert moved.created_at == to_move.created_at


def test_cancelling_a_finished_ticket_is_refused_with_a_message(reception, centre):
    done = TicketFactory(centre=centre, done=True)
    response = reception.post(url("ticket_cancel", centre, ticket_pk=done.pk), {"confirm": "1"}, follow=True)
    page = response.content.decode()
    assert "message-error" in page and done.label in page
    done.refresh_from_db()
    assert done.status == TicketStatus.DONE


def test_the_adviser_flow_call_start_finish_then_interview(adviser, centre):
    a = area(centre, "A")
    first = TicketFactory(centre=centre, area=a)
    TicketFactory(centre=centre, area=area(centre, "B"))
    response = adviser.post(url("call_next", centre), follow=True)
    assert "Choisissez vos espaces conseil et votre bureau" in response.content.decode()
    first.refresh_from_db()
    assert first.status == TicketStatus.WAITING  # no areas chosen yet: nobody is called

    adviser.post(url("adviser_setup", centre), {"areas": [a.pk], "desk": "Bureau 3"})
    adviser.post(url("call_next", centre))
    first.refresh_from_db()
    assert (first.status, first.desk, first.adviser) == (TicketStatus.CALLED, "Bureau 3", adviser.membership.user)
    page = adviser.get(url("adviser", centre)).content.decode()
    assert first.label in page

    adviser.post(url("ticket_start", centre, ticket_pk=first.pk))
    response = adviser.post(url("ticket_finish", centre, ticket_pk=first.pk))
    assert response["Location"] == url("interview", centre, ticket_pk=first.pk)
    first.refresh_from_db()
    assert first.status == TicketStatus.DONE


def test_a_second_call_waits_until_the_current_visitor_is_released(adviser, centre):
    a = area(centre, "A")
    TicketFactory(centre=centre, area=a)
    second = TicketFactory(centre=centre, area=a)
    adviser.post(url("adviser_setup", centre), {"areas": [a.pk], "desk": "1"})
    adviser.post(url("call_next", centre))
    adviser.post(url("call_next", centre))
    second.refresh_from_db()
    assert second.status == TicketStatus.WAITING


def test_an_illegal_transition_is_shown_as_a_message(adviser, centre):
    waiting = TicketFactory(centre=centre)
    response = adviser.post(url("ticket_finish", centre, ticket_pk=waiting.pk), follow=True)
    assert response.status_code == 200
    assert waiting.label in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == TicketStatus.WAITING


def test_the_interview_form_refuses_personal_data_and_marks_it(adviser, centre):
    ticket = TicketFactory(centre=centre, done=True)
    theme = ThemeFactory(centre=centre)
    response = adviser.post(
        url("interview", centre, ticket_pk=ticket.pk),
        {"themes": [theme.pk], "orientations": ["none"], "duration_minutes": 25, "notes": "Tel 06 12 34 56 78"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "<mark" in page and "06 12 34 56 78" in page
    assert f'value="{theme.pk}"' in page  # what was typed and ticked is still there
    assert not Interview.objects.exists()


def test_the_interview_is_saved(adviser, centre):
    ticket = TicketFactory(centre=centre, done=True)
    theme = ThemeFactory(centre=centre)
    response = adviser.post(
        url("interview", centre, ticket_pk=ticket.pk),
        {"themes": [theme.pk], "orientations": ["workshop"], "duration_minutes": 25, "recommendations": "Atelier CV"},
    )
    assert response["Location"] == url("adviser", centre)
    interview = Interview.objects.get()
    assert (interview.duration_minutes, interview.orientations, interview.recommendations) == (
        25,
        ["workshop"],
        "Atelier CV",
    )
    # Reopening the form shows what was recorded.
    assert "Atelier CV" in adviser.get(url("interview", centre, ticket_pk=ticket.pk)).content.decode()


def test_day_close_records_open_tickets_as_left(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    waiting = TicketFactory(centre=centre)
    page = coordinator.get(url("day_close", centre)).content.decode()
    assert waiting.area.name in page
    coordinator.post(url("day_close_confirm", centre), {"confirm": "1"})
    waiting.refresh_from_db()
    assert waiting.status == TicketStatus.LEFT


def test_themes_are_added_and_deactivated(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    coordinator.post(url("theme_add", centre), {"name": "Alternance", "is_active": "on"})
    theme = centre.themes.get(name="Alternance")
    coordinator.post(url("theme_edit", centre, theme_pk=theme.pk), {"name": "Alternance"})
    theme.refresh_from_db()
    assert not theme.is_active
    response = coordinator.post(url("theme_add", centre), {"name": "Alternance"})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_the_coordinator_regenerates_the_display_address(client_as, centre):
    coordinator = client_as(Role.COORDINATOR)
    page = coordinator.get(url("screens", centre)).content.decode()
    old_key = centre.reception_settings.display_key
    assert old_key in page
    coordinator.post(url("screens", centre), {"regenerate": "display"})
    centre.reception_settings.refresh_from_db()
    assert centre.reception_settings.display_key != old_key
    assert coordinator.get(reverse("display:screen", kwargs={"key": old_key})).status_code == 404
