"""Form helpers shared by the apps."""

from django.core.exceptions import NON_FIELD_ERRORS

from citemetiers.core.errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form, next to the field it concerns when there is one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field or NON_FIELD_ERRORS, error.message)
