"""Attendance per session of the programme, and the attendance certificate that lists the sessions attended."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from citemetiers.core.audit import AuditEntry
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.school import selectors, services
from citemetiers.school.models import EditionStatus, ParticipantStatus
from tests.factories import MembershipFactory, UserFactory
from tests.school.factories import EditionFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _held(quota=None):
    """An edition whose first day was yesterday, with two sessions that day and one tomorrow."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    edition = EditionFactory(open_call=True, starts_on=yesterday, quota_per_cite=quota)
    opening = SlotFactory(contribution__edition=edition, contribution__title="Opening the doors")
    kiosks = SlotFactory(contribution__edition=edition, contribution__title="Kiosks that work", room="Room B")
    closing = SlotFactory(contribution__edition=edition, contribution__title="What we take home", day=edition.ends_on)
    return edition, opening, kiosks, closing


def _register(edition, centre=None):
    membership = MembershipFactory(**({"centre": centre} if centre else {}))
    return services.participant_register(edition=edition, cite=membership.centre, actor=membership.user)


def _publish(edition, status=EditionStatus.HELD):
    edition.status = status
    edition.save(update_fields=["status"])


# -- Marking who attended each session -------------------------------------------------------


def test_an_organiser_marks_a_participant_present_at_a_session(organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    participant.refresh_from_db()
    assert list(participant.attended_sessions.all()) == [opening]


def test_being_at_a_session_is_attending_the_edition(organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    participant.refresh_from_db()
    assert participant.attended


def test_an_organiser_unmarks_a_session_and_it_is_logged(organiser):
    edition, opening, kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    for slot in (opening, kiosks):
        services.session_attendance_record(participant=participant, slot=slot, attended=True, actor=organiser)
    services.session_attendance_record(participant=participant, slot=opening, attended=False, actor=organiser)
    assert list(participant.attended_sessions.all()) == [kiosks]
    assert AuditEntry.objects.filter(action="school.session_attendance").count() == 3


def test_only_the_organisers_mark_session_attendance():
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    for someone in (participant.user, MembershipFactory(coordinator=True).user):
        with pytest.raises(NotPermitted):
            services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=someone)
    assert not participant.attended_sessions.exists()


def test_a_session_whose_day_has_not_come_is_not_attended(organiser):
    edition, _opening, _kiosks, closing = _held()
    participant = _register(edition)
    _publish(edition)
    with pytest.raises(DomainError):
        services.session_attendance_record(participant=participant, slot=closing, attended=True, actor=organiser)
    assert not participant.attended_sessions.exists()


def test_only_a_registered_participant_attends_a_session(organiser):
    edition, opening, _kiosks, _closing = _held(quota=1)
    centre = MembershipFactory().centre
    _register(edition, centre)
    waiting = _register(edition, centre)
    assert waiting.status == ParticipantStatus.WAITING
    _publish(edition)
    with pytest.raises(DomainError):
        services.session_attendance_record(participant=waiting, slot=opening, attended=True, actor=organiser)
    assert not waiting.attended_sessions.exists()


def test_a_session_of_another_edition_is_refused(organiser):
    edition, _opening, _kiosks, _closing = _held()
    other = EditionFactory(open_call=True, starts_on=edition.starts_on - datetime.timedelta(days=30))
    elsewhere = SlotFactory(contribution__edition=other)
    participant = _register(edition)
    _publish(edition)
    with pytest.raises(DomainError):
        services.session_attendance_record(participant=participant, slot=elsewhere, attended=True, actor=organiser)
    assert not participant.attended_sessions.exists()


def test_no_session_attendance_before_the_programme_is_published(organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    with pytest.raises(DomainError):
        services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    assert not participant.attended_sessions.exists()


def test_a_cancellation_forgets_the_sessions_attended(organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition, EditionStatus.PROGRAMME_PUBLISHED)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    services.participant_cancel(participant=participant, actor=participant.user)
    assert not participant.attended_sessions.exists()


# -- The organisers' attendance page ---------------------------------------------------------


def _attendance_url(edition, slot=None):
    url = reverse("school:attendance", kwargs={"edition_pk": edition.pk})
    return f"{url}?slot={slot.pk}" if slot else url


def test_the_attendance_page_marks_a_participant_present_at_the_chosen_session(client, organiser):
    edition, _opening, kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    client.force_login(organiser)
    page = client.get(_attendance_url(edition, kiosks))
    assert page.context["slot"] == kiosks
    assert [row.participant for row in page.context["rows"]] == [participant]
    response = client.post(
        _attendance_url(edition, kiosks), {"slot": kiosks.pk, "participant": participant.pk, "attended": "1"}
    )
    assert response.status_code == 302 and response["Location"] == _attendance_url(edition, kiosks)
    assert list(participant.attended_sessions.all()) == [kiosks]
    assert [row.present for row in client.get(_attendance_url(edition, kiosks)).context["rows"]] == [True]


def test_the_attendance_page_refuses_a_session_or_participant_typed_by_hand(client, organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    client.force_login(organiser)
    for data in (
        {"slot": "abc", "participant": participant.pk},
        {"slot": opening.pk, "participant": "²"},
        {"slot": opening.pk, "participant": "9" * 400},
    ):
        assert client.post(_attendance_url(edition), {**data, "attended": "1"}).status_code == 302
    assert client.get(f"{_attendance_url(edition)}?slot=abc").status_code == 200
    assert not participant.attended_sessions.exists()


def test_the_attendance_page_is_the_organisers(client):
    edition, _opening, _kiosks, _closing = _held()
    client.force_login(MembershipFactory(coordinator=True).user)
    assert client.get(_attendance_url(edition)).status_code == 403


def test_the_attendance_page_costs_the_same_queries_for_many_participants(
    client, organiser, django_assert_max_num_queries
):
    edition, opening, kiosks, _closing = _held()
    _publish(edition, EditionStatus.PROGRAMME_PUBLISHED)
    people = [_register(edition) for _ in range(2)]
    client.force_login(organiser)
    client.get(_attendance_url(edition, kiosks))
    for _ in range(8):
        people.append(_register(edition))
    for person in people:
        services.agenda_pick(slot=kiosks, actor=person.user)
        services.session_attendance_record(participant=person, slot=kiosks, attended=True, actor=organiser)
        services.session_attendance_record(participant=person, slot=opening, attended=True, actor=organiser)
    with django_assert_max_num_queries(9):
        page = client.get(_attendance_url(edition, kiosks))
    assert len(page.context["rows"]) == 10 and all(row.present and row.picked for row in page.context["rows"])


# -- The certificate -------------------------------------------------------------------------


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_certificate_lists_the_sessions_attended_not_those_only_picked(client, organiser):
    edition, opening, kiosks, _closing = _held()
    participant = _register(edition)
    services.agenda_pick(slot=opening, actor=participant.user)
    services.agenda_pick(slot=kiosks, actor=participant.user)
    _publish(edition)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    client.force_login(participant.user)
    text = _text(client.get(reverse("school:certificate", kwargs={"edition_pk": edition.pk})))
    assert "Opening the doors" in text and "Kiosks that work" not in text


def test_network_staff_download_a_participants_certificate(client, organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    client.force_login(UserFactory(network_coordinator=True))
    url = reverse("school:certificate", kwargs={"edition_pk": edition.pk})
    text = _text(client.get(f"{url}?participant={participant.pk}"))
    assert str(participant.user) in text and "Opening the doors" in text


def test_nobody_else_downloads_a_participants_certificate(client, organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    colleague = _register(edition, participant.cite)
    _publish(edition)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    url = f"{reverse('school:certificate', kwargs={'edition_pk': edition.pk})}?participant={participant.pk}"
    host_coordinator = MembershipFactory(centre=edition.host_centre, coordinator=True).user
    for someone in (colleague.user, host_coordinator, UserFactory(label_evaluator=True)):
        client.force_login(someone)
        assert client.get(url).status_code == 404
    other_edition = _held()[0]
    client.force_login(organiser)
    other_url = reverse("school:certificate", kwargs={"edition_pk": other_edition.pk})
    assert client.get(f"{other_url}?participant={participant.pk}").status_code == 404
    assert client.get(f"{other_url}?participant=abc").status_code == 404


def test_the_organisers_page_links_the_certificates_for_network_staff_only(client, organiser):
    edition, opening, _kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    services.session_attendance_record(participant=participant, slot=opening, attended=True, actor=organiser)
    link = f"certificate.pdf?participant={participant.pk}"
    client.force_login(organiser)
    assert link in client.get(reverse("school:manage", kwargs={"edition_pk": edition.pk})).content.decode()
    client.force_login(MembershipFactory(centre=edition.host_centre, coordinator=True).user)
    assert link not in client.get(reverse("school:manage", kwargs={"edition_pk": edition.pk})).content.decode()


def test_the_sessions_attended_read_in_the_programmes_order(organiser):
    edition, opening, kiosks, _closing = _held()
    participant = _register(edition)
    _publish(edition)
    for slot in (kiosks, opening):
        services.session_attendance_record(participant=participant, slot=slot, attended=True, actor=organiser)
    assert selectors.sessions_attended(participant) == [opening, kiosks]
