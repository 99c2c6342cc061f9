"""The one way a view runs a form (or a button) through a service and shows the service's refusal."""

from datetime import date

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import RequestFactory
from django.utils import translation

from citemetiers.centres.models import Closure
from citemetiers.centres.services import closure_add
from citemetiers.core.errors import DomainError
from citemetiers.core.forms import run_action, run_form
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


class ClosureForm(forms.Form):
    starts_on = forms.DateField()
    ends_on = forms.DateField()
    reason = forms.CharField()


def _form(**data):
    form = ClosureForm({"starts_on": "2026-03-10", "ends_on": "2026-03-12", "reason": "Inventory", **data})
    assert form.is_valid()
    return form


def _closure(form, centre):
    return run_form(form, closure_add, centre=centre, actor=UserFactory(), **form.cleaned_data)


def test_a_refusal_goes_next_to_its_field_and_nothing_is_written():
    centre = CentreFactory()
    form = _form(ends_on="2026-03-01")
    with translation.override("en"):
        attempt = _closure(form, centre)
    assert (bool(attempt), form.errors["ends_on"], Closure.objects.filter(centre=centre).exists()) == (
        False,
        ["The closure cannot end before it starts."],
        False,
    )


def test_a_refusal_without_a_field_is_said_above_the_form():
    form = _form()

    def refuse(**kwargs):
        raise DomainError("The Cité needs at least one active coordinator.", field="not_a_field_of_the_form")

    assert (bool(run_form(form, refuse)), form.errors[NON_FIELD_ERRORS]) == (
        False,
        ["The Cité needs at least one active coordinator."],
    )


def test_an_accepted_form_gives_the_service_result_and_stays_valid():
    centre = CentreFactory()
    form = _form()
    attempt = _closure(form, centre)
    assert (bool(attempt), attempt.result.starts_on, form.is_valid()) == (True, date(2026, 3, 10), True)


def test_a_refused_button_tells_why_in_a_message():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    def refuse():
        raise DomainError("This ticket was already called.")

    attempt = run_action(request, refuse)
    assert (bool(attempt), [str(m) for m in get_messages(request)]) == (False, ["This ticket was already called."])
