"""The network home shows what labelling needs of each person: the network's coordinators, the
applications before the commission and whether their evaluators' reports are in; an evaluator, the
reports they still have to write."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from citemetiers.labelling.models import State
from tests.factories import UserFactory
from tests.labelling.factories import EvaluationFactory, LabelApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("network:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_coordinator_sees_each_application_before_the_commission_with_its_reports_in(client):
    waiting = LabelApplicationFactory(territory="Pays de Morlaix", state=State.COMMISSION)
    EvaluationFactory(application=waiting, submitted_at=timezone.now(), report="Seen on site.")
    EvaluationFactory(application=waiting)
    ready = LabelApplicationFactory(territory="Bassin de Thau", state=State.COMMISSION)
    EvaluationFactory(application=ready, submitted_at=timezone.now(), report="Complete.")
    LabelApplicationFactory(territory="Vallée de la Bruche", state=State.APPLIED)
    html = _home(client, UserFactory(network_coordinator=True))
    panel = html[html.index('id="labelling-commission"') :]
    panel = panel[: panel.index("</section>")]
    assert "Pays de Morlaix" in panel and "1 of 2 reports in" in panel
    assert "Bassin de Thau" in panel and "ready for the decision" in panel
    assert "Vallée de la Bruche" not in panel  # not before the commission
    assert reverse("labelling:application", kwargs={"application_pk": waiting.pk}) in panel


def test_an_evaluator_sees_the_reports_they_still_have_to_write_and_not_the_commission(client):
    evaluation = EvaluationFactory(application=LabelApplicationFactory(state=State.COMMISSION))
    EvaluationFactory(evaluator=evaluation.evaluator, submitted_at=timezone.now(), report="Done.")
    EvaluationFactory()  # someone else's
    html = _home(client, evaluation.evaluator)
    assert 'id="labelling-commission"' not in html
    panel = html[html.index('id="labelling-reviews"') :]
    assert "1 report to write" in panel[: panel.index("</section>")]
    assert reverse("labelling:reviews") in panel
