from datetime import UTC, datetime, timedelta

import pytest

from citemetiers.core.errors import DomainError
from citemetiers.core.models import AuditEntry
from citemetiers.reception import interviews
from citemetiers.reception.models import Interview, Orientation, ReceptionSettings
from tests.factories import (
    AdviceAreaFactory,
    CentreFactory,
    InterviewFactory,
    OrganisationFactory,
    ThemeFactory,
    TicketFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)


@pytest.fixture
def done_ticket(centre):
    return TicketFactory(centre=centre, done=True, adviser=UserFactory())


def _record(ticket, actor=None, **data):
    # The orientation is required (the indicators count it); these tests are about the rest.
    data.setdefault("orientations", [Orientation.NONE])
    return interviews.interview_record(
        ticket=ticket, data=data, actor=actor or ticket.adviser or UserFactory(), now=NOW
    )


def test_recording_an_interview_keeps_themes_orientation_and_default_duration(centre, done_ticket):
    theme = ThemeFactory(centre=centre)
    partner = OrganisationFactory(centre=centre)
    interview = _record(
        done_ticket, themes=[theme], orientations=[Orientation.PARTNER], organisations=[partner], notes="CV à revoir"
    )
    assert list(interview.themes.all()) == [theme]
    assert list(interview.organisations.all()) == [partner]
    assert interview.duration_minutes == 20  # from started_at to finished_at of the ticket
    assert interview.area == done_ticket.area


def test_recording_again_corrects_the_same_interview_and_logs_without_the_notes(centre, done_ticket):
    _record(done_ticket, notes="first words")
    _record(done_ticket, notes="second words", duration_minutes=35)
    interview = Interview.objects.get(ticket=done_ticket)
    assert (interview.notes, interview.duration_minutes) == ("second words", 35)
    update = AuditEntry.objects.get(action="interview.update")
    assert update.changes["notes"] == ["…", "…"]
    assert "second words" not in str(update.changes)


@pytest.mark.parametrize(
    "text", ["Rappeler au 06 12 34 56 78", "écrire à marie.dupont@example.org", "né le 12/03/1985"]
)
def test_notes_with_personal_data_are_refused_and_nothing_is_saved(done_ticket, text):
    with pytest.raises(DomainError) as refused:
        _record(done_ticket, notes=text)
    assert refused.value.field == "notes"
    assert not Interview.objects.exists()


def test_recommendations_are_guarded_too(done_ticket):
    with pytest.raises(DomainError) as refused:
        _record(done_ticket, recommendations="Contacter Mme X au 01 45 67 89 10")
    assert refused.value.field == "recommendations"


def test_only_a_finished_ticket_gets_an_interview(centre):
    with pytest.raises(DomainError):
        _record(TicketFactory(centre=centre, called=True))


def test_lists_of_another_cite_are_refused(centre, other_centre, done_ticket):
    with pytest.raises(DomainError) as refused:
        _record(done_ticket, themes=[ThemeFactory(centre=other_centre)])
    assert refused.value.field == "themes"
    with pytest.raises(DomainError):
        _record(done_ticket, orientations=[Orientation.OTHER_AREA], other_area=AdviceAreaFactory(centre=other_centre))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"orientations": [Orientation.NONE, Orientation.WORKSHOP]}, "orientations"),
        ({"orientations": [Orientation.PARTNER]}, "organisations"),
        ({"orientations": [Orientation.OTHER_AREA]}, "other_area"),
        ({"duration_minutes": 600}, "duration_minutes"),
    ],
)
def test_inconsistent_orientations_and_durations_are_refused(done_ticket, data, field):
    with pytest.raises(DomainError) as refused:
        _record(done_ticket, **data)
    assert refused.value.field == field


def test_the_visitor_rates_once_from_1_to_5(done_ticket):
    with pytest.raises(DomainError):
        interviews.survey_answer(ticket=done_ticket, rating=4)  # no interview yet
    _record(done_ticket)
    with pytest.raises(DomainError):
        interviews.survey_answer(ticket=done_ticket, rating=6)
    interview = interviews.survey_answer(ticket=done_ticket, rating=4, comment="Très clair")
    assert (interview.satisfaction, interview.satisfaction_comment) == (4, "Très clair")
    with pytest.raises(DomainError):
        interviews.survey_answer(ticket=done_ticket, rating=1)
    interview.refresh_from_db()
    assert interview.satisfaction == 4


def test_a_survey_comment_with_personal_data_is_refused(done_ticket):
    _record(done_ticket)
    with pytest.raises(DomainError):
        interviews.survey_answer(ticket=done_ticket, rating=5, comment="merci, joignez-moi au 0612345678")
    assert Interview.objects.get().satisfaction is None


def test_expired_notes_are_erased_and_structured_fields_stay():
    centre = CentreFactory()
    ReceptionSettings.objects.create(centre=centre, display_key="d" * 43, kiosk_key="k" * 43, notes_retention_months=6)
    old = InterviewFactory(ticket__centre=centre, notes="old notes", created_at=NOW - timedelta(days=200))
    recent = InterviewFactory(ticket__centre=centre, notes="recent notes", created_at=NOW - timedelta(days=100))
    other = InterviewFactory(notes="another Cité, default 12 months", created_at=NOW - timedelta(days=200))
    assert interviews.interview_notes_erase_expired(centre=centre, now=NOW) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    other.refresh_from_db()
    assert (old.notes, old.notes_erased_at, old.duration_minutes) == ("", NOW, 20)
    assert recent.notes == "recent notes"
    assert other.notes.startswith("another")
    assert interviews.interview_notes_erase_expired(centre=centre, now=NOW) == 0


def test_months_before_keeps_the_end_of_month():
    assert interviews.months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert interviews.months_before(datetime(2026, 1, 15, tzinfo=UTC), 12) == datetime(2025, 1, 15, tzinfo=UTC)


def test_default_themes_are_created_once_in_the_main_language():
    centre = CentreFactory(languages=["en"])
    first = interviews.themes_create_defaults(centre=centre, actor=None)
    again = interviews.themes_create_defaults(centre=centre, actor=None)
    assert [t.pk for t in first] == [t.pk for t in again]
    assert first[0].name == "CV and cover letter"


def test_theme_names_are_unique_per_cite(centre, other_centre):
    interviews.theme_create(centre=centre, data={"name": "Alternance"}, actor=None)
    interviews.theme_create(centre=other_centre, data={"name": "Alternance"}, actor=None)
    with pytest.raises(DomainError):
        interviews.theme_create(centre=centre, data={"name": "Alternance"}, actor=None)
