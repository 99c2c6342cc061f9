"""Form helpers shared by the apps."""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.shortcuts import redirect, render
from django.urls import reverse

from citemetiers.core.errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form, next to the field it concerns when there is one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field or NON_FIELD_ERRORS, error.message)


def formfield(field, **kwargs):
    """ModelForm field factory: web addresses typed without a scheme are taken as https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


MAX_ID = 2**31 - 1


class DateInput(forms.DateInput):
    """The browser's date picker; its value must be ISO (YYYY-MM-DD) whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def is_id(value) -> bool:
    """Whether a value typed in an address can be a database id (digits only, within an integer column)."""
    text = str(value)
    return text.isdecimal() and text.isascii() and 0 < int(text) <= MAX_ID


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
    """Run a service on a valid form; show its refusal on the form and keep what was typed.

    Returns the redirect after success, or None when the form must be shown again.
    """
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, success_message)
            return redirect(redirect_to, centre_slug=request.centre.slug)
    return None
