"""The platform's evidence an application cites is frozen when it is submitted: what the commission
reads does not move when the Cité's figures or documents change afterwards."""

import datetime

import pytest
from django.urls import reverse

from citemetiers.centres.models import Partnership
from citemetiers.centres.tenancy import centre_scope
from citemetiers.indicators.models import MonthlyTotal
from citemetiers.labelling.models import State
from citemetiers.labelling.workflow import application_transition
from tests.factories import PartnershipFactory, UserFactory
from tests.labelling.factories import LabelApplicationFactory, evidence_for

pytestmark = pytest.mark.django_db

SUBMITTED = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)


def _visits(centre, month, value):
    MonthlyTotal.objects.create(centre=centre, month=month, metric="visits", key="", value=value)


def _submitted(centre):
    application = LabelApplicationFactory(centre=centre, state=State.ENQUIRY)
    if centre is not None:
        _visits(centre, datetime.date(2026, 3, 1), 120)
    coordinator = UserFactory(network_coordinator=True)
    application_transition(application=application, name="apply", reason="Ready", actor=coordinator, now=SUBMITTED)
    return application


def test_the_figures_are_copied_at_submission_and_do_not_follow_later_changes(centre):
    application = _submitted(centre)
    _visits(centre, datetime.date(2026, 4, 1), 500)
    application.refresh_from_db()
    assert application.platform_evidence["figures"]["visits"] == 120


def test_the_documents_cited_are_listed_as_they_were_at_submission(centre):
    application = _submitted(centre)
    evidence = evidence_for()
    evidence.requirement = application.requirements.first()
    evidence.save()
    application.refresh_from_db()
    assert application.platform_evidence["documents"] == []


def test_an_application_without_a_cite_on_the_platform_freezes_no_figures():
    application = _submitted(None)
    application.refresh_from_db()
    assert application.platform_evidence["figures"] is None


def test_the_partners_and_their_agreements_are_frozen_as_they_were(centre):
    PartnershipFactory(
        centre=centre,
        organisation__name="France Travail",
        title="Agreement 2026",
        starts_on=datetime.date(2026, 1, 1),
        adviser_hours_per_month=40,
    )
    application = _submitted(centre)
    with centre_scope(centre):
        Partnership.objects.update(is_active=False)
    application.refresh_from_db()
    assert application.platform_evidence["partners"] == [
        {
            "organisation": "France Travail",
            "agreement": "Agreement 2026",
            "starts_on": "2026-01-01",
            "ends_on": None,
            "adviser_hours_per_month": 40,
            "areas": [],
        }
    ]


def test_an_agreement_ended_before_the_submission_is_not_cited(centre):
    PartnershipFactory(centre=centre, starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2025, 1, 1))
    application = _submitted(centre)
    application.refresh_from_db()
    assert application.platform_evidence["partners"] == []


def test_the_opening_hours_are_frozen(centre):
    centre.opening_hours = {"0": [["09:00", "12:30"], ["13:30", "17:00"]], "2": [["09:00", "12:00"]]}
    centre.save()
    application = _submitted(centre)
    centre.opening_hours = {}
    centre.save()
    application.refresh_from_db()
    assert application.platform_evidence["opening_hours"] == {
        "0": [["09:00", "12:30"], ["13:30", "17:00"]],
        "2": [["09:00", "12:00"]],
    }


def test_the_dossier_shows_the_evidence_frozen_at_submission(client, centre):
    centre.opening_hours = {"0": [["09:00", "12:30"]]}
    centre.save()
    PartnershipFactory(centre=centre, organisation__name="Mission locale", starts_on=datetime.date(2026, 1, 1))
    application = _submitted(centre)
    client.force_login(UserFactory(network_coordinator=True))
    body = client.get(reverse("labelling:application", kwargs={"application_pk": application.pk})).content.decode()
    section = body[body.index('id="frozen-') :]
    assert ("Mission locale" in section, "Monday" in section, "09:00–12:30" in section, "120" in section) == (
        True,
        True,
        True,
        True,
    )
