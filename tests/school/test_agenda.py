"""Personal agendas, attendance certificates and the library's materials of the programme's sessions."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from pypdf import PdfReader

from citemetiers.centres.tenancy import network_scope
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.library.vocab import Visibility
from citemetiers.school import selectors, services
from citemetiers.school.models import EditionStatus
from tests.factories import MembershipFactory, ResourceFactory
from tests.school.factories import ContributionFactory, EditionFactory, SlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _published(**kwargs):
    edition = EditionFactory(open_call=True, **kwargs)
    first = SlotFactory(contribution__edition=edition, contribution__title="Opening the doors")
    second = SlotFactory(contribution__edition=edition, contribution__title="Kiosks that work", room="Room B")
    return edition, first, second


def _participant(edition):
    membership = MembershipFactory()
    return services.participant_register(edition=edition, cite=membership.centre, actor=membership.user)


# -- Personal agendas ------------------------------------------------------------------------


def test_a_participant_picks_sessions_into_their_agenda_and_its_ics(client):
    edition, _first, second = _published()
    participant = _participant(edition)
    services.agenda_pick(slot=second, actor=participant.user)
    assert selectors.agenda(participant.user, edition) == [second]
    edition.status = EditionStatus.PROGRAMME_PUBLISHED
    edition.save()
    client.force_login(participant.user)
    page = client.get(reverse("school:agenda", kwargs={"edition_pk": edition.pk}))
    assert page.context["picked"] == [second] and "Kiosks that work" in page.content.decode()
    feed = Calendar.from_ical(client.get(reverse("school:agenda_ics", kwargs={"edition_pk": edition.pk})).content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Kiosks that work"]
    client.post(reverse("school:agenda", kwargs={"edition_pk": edition.pk}), {"slot": second.pk, "action": "drop"})
    assert selectors.agenda(participant.user, edition) == []


def test_only_a_participant_of_the_edition_picks_its_sessions():
    edition, first, _second = _published()
    with pytest.raises(NotPermitted):
        services.agenda_pick(slot=first, actor=MembershipFactory().user)
    _other, other_slot, _ = _published()
    participant = _participant(edition)
    with pytest.raises(NotPermitted):
        services.agenda_pick(slot=other_slot, actor=participant.user)
    assert selectors.agenda(participant.user, edition) == []


def test_a_session_of_another_edition_posted_by_hand_is_refused_by_the_page(client):
    edition, _first, _second = _published()
    _other, other_slot, _ = _published()
    participant = _participant(edition)
    client.force_login(participant.user)
    response = client.post(reverse("school:agenda", kwargs={"edition_pk": edition.pk}), {"slot": "abc"})
    assert response.status_code == 302
    client.post(reverse("school:agenda", kwargs={"edition_pk": edition.pk}), {"slot": other_slot.pk})
    assert participant.agenda.count() == 0


# -- Attendance certificates -----------------------------------------------------------------


def test_an_attended_participant_downloads_their_certificate_without_the_sessions_only_picked(client, organiser):
    """The certificate lists the sessions attended (tests/school/test_attendance.py), not the agenda."""
    edition, _first, second = _published()
    participant = _participant(edition)
    services.agenda_pick(slot=second, actor=participant.user)
    services.attendance_record(participant=participant, attended=True, actor=organiser)
    client.force_login(participant.user)
    response = client.get(reverse("school:certificate", kwargs={"edition_pk": edition.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert str(participant.user) in text and participant.cite.name in text
    assert str(edition) in text and "Kiosks that work" not in text


def test_no_certificate_without_attendance(client):
    edition, _first, _second = _published()
    participant = _participant(edition)
    url = reverse("school:certificate", kwargs={"edition_pk": edition.pk})
    for user in (participant.user, MembershipFactory().user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


# -- Library material of a session -----------------------------------------------------------


def test_a_shared_resource_linked_to_a_session_shows_on_the_programme(client, organiser):
    edition, first, _second = _published()
    resource = ResourceFactory(title="Slides of the opening")
    with network_scope():
        services.material_link(slot=first, resource=resource, actor=organiser)
    edition.status = EditionStatus.ARCHIVED
    edition.save()
    client.force_login(MembershipFactory().user)
    body = client.get(reverse("school:edition", kwargs={"edition_pk": edition.pk})).content.decode()
    assert "Slides of the opening" in body
    assert reverse("network_library:resource", kwargs={"resource_pk": resource.pk}) in body


def test_a_resource_kept_to_its_city_is_not_linked(organiser):
    _edition, first, _second = _published()
    resource = ResourceFactory(visibility=Visibility.CENTRE)
    with network_scope(), pytest.raises(DomainError):
        services.material_link(slot=first, resource=resource, actor=organiser)
    assert not first.materials.through.objects.exists()


def test_only_an_organiser_or_a_speaker_links_material():
    _edition, first, _second = _published()
    resource = ResourceFactory()
    with network_scope():
        with pytest.raises(NotPermitted):
            services.material_link(slot=first, resource=resource, actor=MembershipFactory().user)
        services.material_link(slot=first, resource=resource, actor=first.contribution.author)
    assert first.materials.through.objects.count() == 1


# -- The pages of co-authors, reviewers per track and quota ------------------------------------


def test_the_organisers_assign_a_track_reviewer_and_raise_the_quota_from_the_manage_page(client, organiser):
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    track = edition.tracks.get()
    reviewer = MembershipFactory().user
    centre = MembershipFactory().centre
    first = _participant_of(edition, centre)
    second = _participant_of(edition, centre)
    client.force_login(organiser)
    url = reverse("school:manage", kwargs={"edition_pk": edition.pk})
    client.post(
        url, {"action": "track_reviewer", "track_reviewer-track": track.pk, "track_reviewer-email": reviewer.email}
    )
    assert list(track.reviewers.all()) == [reviewer]
    client.post(url, {"action": "quota", "quota-quota_per_cite": "2"})
    second.refresh_from_db()
    assert first.status == second.status == "registered"


def test_the_author_names_a_co_author_from_their_contributions_page(client):
    contribution = ContributionFactory()
    co_author = MembershipFactory()
    client.force_login(contribution.author)
    url = reverse("school:co_author", kwargs={"edition_pk": contribution.edition.pk})
    client.post(
        url,
        {
            "contribution": contribution.pk,
            f"c{contribution.pk}-email": co_author.user.email,
            f"c{contribution.pk}-cite": co_author.centre.pk,
        },
    )
    assert [(c.user, c.cite) for c in contribution.co_authors.all()] == [(co_author.user, co_author.centre)]
    response = client.post(url, {"contribution": "abc", "email": "nobody@example.org", "cite": "x"})
    assert response.status_code == 302 and contribution.co_authors.count() == 1


def _participant_of(edition, centre):
    user = MembershipFactory(centre=centre).user
    return services.participant_register(edition=edition, cite=centre, actor=user)


def test_a_blank_quota_on_the_manage_page_removes_the_quota_and_promotes_the_waiting(client, organiser):
    edition = EditionFactory(open_call=True, quota_per_cite=1)
    centre = MembershipFactory().centre
    _participant_of(edition, centre)
    waiting = _participant_of(edition, centre)
    assert waiting.status == "waiting"
    client.force_login(organiser)
    url = reverse("school:manage", kwargs={"edition_pk": edition.pk})
    assert "Laissez vide pour ne fixer aucun quota" in client.get(url).content.decode()
    client.post(url, {"action": "quota", "quota-quota_per_cite": ""})
    edition.refresh_from_db()
    waiting.refresh_from_db()
    assert edition.quota_per_cite is None and waiting.status == "registered"
