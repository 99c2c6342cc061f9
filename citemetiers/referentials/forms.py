"""Form fields for choosing from the referentials; the picker's template and context live here too."""

from django import forms
from django.urls import reverse

from citemetiers.core.forms import ModelMultipleChoiceField
from citemetiers.referentials.models import Occupation


class OccupationsField(ModelMultipleChoiceField):
    """Chosen through the autocomplete combobox; posted as occupation ids."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(queryset=Occupation.objects.filter(is_active=True), required=False, **kwargs)


def occupation_picker_context(request, field) -> dict:
    """What referentials/includes/occupation_picker.html needs for a form's occupations field."""
    chosen_ids = [pk for pk in (field.value() or []) if str(pk).isdigit()]
    chosen = Occupation.objects.filter(pk__in=chosen_ids).prefetch_related("labels")
    return {
        "chosen_occupations": [
            (o.pk, f"{o.label_in(request.LANGUAGE_CODE)} ({o.get_scheme_display()})") for o in chosen
        ],
        "autocomplete_url": reverse(
            "referentials:occupation_autocomplete", kwargs={"centre_slug": request.centre.slug}
        ),
    }
