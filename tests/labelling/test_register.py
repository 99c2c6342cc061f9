"""The public register of labelled Cités, for the network's website (HTML and JSON): no login, only
what is public; a label is valid until the anniversary after its last grant, confirmation or renewal,
and one past it (lapsed), suspended or withdrawn is never shown as valid."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from citemetiers.centres.models import LabelStatus
from citemetiers.labelling import selectors
from citemetiers.labelling.models import ApplicationEvent, State
from tests.factories import CentreFactory
from tests.labelling.factories import LabelApplicationFactory, MentoringFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _labelled(territory, *, state=State.RENEWED, labelled_on, last_step_on=None, step="renew", **kwargs):
    application = LabelApplicationFactory(
        territory=territory, state=state, labelled_on=labelled_on, centre=CentreFactory(), **kwargs
    )
    at = datetime.datetime.combine(last_step_on or labelled_on, datetime.time(10), tzinfo=datetime.UTC)
    ApplicationEvent.objects.create(
        application=application, transition=step, from_state=State.CONFIRMED, to_state=state, reason="Figures", at=at
    )
    return application


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return datetime.date(today.year - years, today.month, min(today.day, 28))


def _row(territory, *, today=TODAY):
    return next(row for row in selectors.public_register(today=today) if row["territory"] == territory)


def test_a_renewed_label_is_valid_until_the_anniversary_after_its_renewal():
    _labelled("Lyon", labelled_on=datetime.date(2024, 5, 2), last_step_on=datetime.date(2026, 4, 20))
    row = _row("Lyon")
    assert (row["status"], row["valid_until"]) == ("renewed", "2027-05-02")


def test_a_label_past_its_validity_is_shown_as_lapsed_not_as_valid():
    _labelled("Lyon", labelled_on=datetime.date(2024, 5, 2), last_step_on=datetime.date(2025, 4, 20))
    row = _row("Lyon")
    assert (row["status"], row["valid_until"]) == ("lapsed", "2026-05-02")


def test_a_suspended_label_is_listed_as_suspended_without_a_validity():
    _labelled("Lyon", state=State.SUSPENDED, step="suspend", labelled_on=datetime.date(2024, 5, 2))
    row = _row("Lyon")
    assert (row["status"], row["valid_until"]) == ("suspended", None)


def test_withdrawn_labels_projects_and_refusals_are_not_in_the_register():
    _labelled("Lyon", state=State.WITHDRAWN, step="withdraw", labelled_on=datetime.date(2024, 5, 2))
    LabelApplicationFactory(territory="Nantes", state=State.PREPARATION)
    LabelApplicationFactory(territory="Brest", state=State.DECLINED)
    assert selectors.public_register(today=TODAY) == []


def test_the_register_names_the_mentor_cites():
    application = _labelled("Lyon", labelled_on=datetime.date(2026, 5, 2))
    MentoringFactory(application=application, mentor=CentreFactory(name="Cité des métiers de Genève"))
    assert _row("Lyon")["mentors"] == ["Cité des métiers de Genève"]


def test_a_cite_labelled_before_the_platform_is_in_the_register_with_its_own_validity():
    CentreFactory(
        name="Cité des métiers de Paris",
        label_status=LabelStatus.LABELLED,
        labelled_until=datetime.date(2028, 12, 31),
    )
    row = _row("Cité des métiers de Paris")
    assert (row["status"], row["since"], row["valid_until"]) == ("labelled", None, "2028-12-31")


def test_a_cite_labelled_before_the_platform_whose_validity_passed_is_lapsed():
    CentreFactory(name="Old Cité", label_status=LabelStatus.LABELLED, labelled_until=datetime.date(2025, 1, 31))
    assert _row("Old Cité")["status"] == "lapsed"


def test_the_json_register_keeps_its_public_fields_only(client):
    _labelled("Lyon", labelled_on=_years_ago(2), last_step_on=timezone.localdate())
    response = client.get(reverse("labelling_public:register_json"))
    assert set(response.json()["cites"][0]) == {
        "territory",
        "country",
        "label",
        "since",
        "status",
        "valid_until",
        "mentors",
    }


def test_the_html_register_shows_a_lapsed_label_as_lapsed(client):
    _labelled("Lyon", labelled_on=_years_ago(3), last_step_on=_years_ago(2))
    _labelled("Lille", labelled_on=_years_ago(1), last_step_on=timezone.localdate())
    body = client.get(reverse("labelling_public:register")).content.decode()
    rows = {name: next(row for row in body.split("<tr>") if name in row) for name in ("Lyon", "Lille")}
    assert ("Lapsed" in rows["Lyon"], "Lapsed" in rows["Lille"]) == (True, False)


def test_the_html_register_is_public_and_cached_briefly(client):
    response = client.get(reverse("labelling_public:register"))
    assert (response.status_code, response["Cache-Control"]) == (200, "max-age=600")


def test_the_register_query_count_does_not_grow_with_cites(client, django_assert_max_num_queries):
    for index in range(4):
        application = _labelled(f"Territory {index}", labelled_on=_years_ago(1))
        MentoringFactory(application=application)
    # the applications, their grant events, their mentors, the Cités labelled before the platform.
    with django_assert_max_num_queries(4):
        client.get(reverse("labelling_public:register"))
