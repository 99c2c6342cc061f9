"""The platform's evidence an application cites is frozen when it is submitted: what the commission
reads does not move when the Cité's figures or documents change afterwards."""

import datetime

import pytest

from citemetiers.indicators.models import MonthlyTotal
from citemetiers.labelling.models import State
from citemetiers.labelling.workflow import application_transition
from tests.factories import UserFactory
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
