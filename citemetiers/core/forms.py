"""Form helpers shared by the apps."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models

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
