"""Form helpers shared by the apps."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citemetiers.core.errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form, next to the field it concerns when there is one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field or NON_FIELD_ERRORS, error.message)


@dataclass(frozen=True)
class Attempt:
    """What running a service gave: its result, or the refusal it answered with (already shown).

    True when the service accepted, so that a view reads `if attempt: ... success ...`.
    """

    result: Any = None
    error: DomainError | None = None

    def __bool__(self) -> bool:
        return self.error is None


def run_form(form, service: Callable[..., Any], /, **kwargs) -> Attempt:
    """Run `service(**kwargs)` for a valid form; a refusal goes on the form, next to its field when the form
    has it, for the view to show the form again with what was typed.

    This is the one way a view turns a DomainError into what the person reads (`run_action` when there is
    no form to show again). The service keeps its own transaction: wrapping it here would also undo what it
    writes on purpose before refusing (a wrong visitor-card code is counted).
    """
    try:
        return Attempt(result=service(**kwargs))
    except DomainError as error:
        add_domain_error(form, error)
        return Attempt(error=error)


def run_action(request, service: Callable[..., Any], /, **kwargs) -> Attempt:
    """Run `service(**kwargs)` for a button, or a form on a page the view leaves by a redirect: a refusal
    is an error message on the page that follows."""
    try:
        return Attempt(result=service(**kwargs))
    except DomainError as error:
        messages.error(request, error.message)
        return Attempt(error=error)


MAX_ID = 2**31 - 1
# Every date a person may type lies in these years: a period, a roster or an agreement beyond them is a
# typing error, and the arithmetic on them (the day after, the period before) stays within Python's dates.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)


class DateInput(forms.DateInput):
    """The browser's date picker; its value must be ISO (YYYY-MM-DD) whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        attrs = {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat(), **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """The date field of every form: the date picker, and years a person can mean (see MIN_DATE)."""

    widget = DateInput

    def validate(self, value):
        super().validate(value)
        if value and not MIN_DATE <= value <= MAX_DATE:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": date_format(MIN_DATE), "last": date_format(MAX_DATE)},
            )


def is_id(value) -> bool:
    """Whether a value typed in an address can be a database id (digits only, within an integer column)."""
    text = str(value)
    # "²".isdigit() is True and int() refuses it; isdecimal() and isascii() together keep 0-9 only.
    return text.isdecimal() and text.isascii() and 0 < int(text) <= MAX_ID


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing a value that cannot be an id before it reaches the database.

    Django checks each value with an exact lookup, which tolerates a number of 400 digits, then all of
    them with an IN lookup, which does not (SQLite overflows, PostgreSQL refuses): a 500 instead of the
    form's message.
    """

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if not self.to_field_name and not is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


def formfield(field, **kwargs):
    """ModelForm field factory: the project's date and many-choice fields; web addresses typed without a
    scheme are taken as https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        kwargs.setdefault("form_class", DateField)
    elif isinstance(field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return field.formfield(**kwargs)


def render_form_page(request, form, obj, add_title: str, back: str):
    """The page of a Cité's settings form: the object's name when editing, `add_title` when adding."""
    context = {
        "form": form,
        "object": obj,
        "add_title": add_title,
        "back_url": reverse(back, kwargs={"centre_slug": request.centre.slug}),
    }
    return render(request, "includes/object_form_page.html", context)


def save_form(request, form, write, success_message: str, redirect_to: str):
    """`run_form` for a Cité's settings page: `write(data=cleaned_data)` on a valid form, then the success
    message and the list page; a refusal shown on the form with what was typed.

    Returns the redirect after success, or None when the form must be shown again.
    """
    if form.is_valid() and run_form(form, write, data=form.cleaned_data):
        messages.success(request, success_message)
        return redirect(redirect_to, centre_slug=request.centre.slug)
    return None
