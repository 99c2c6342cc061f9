"""Form fields for choosing from the referentials; the picker's template and context live here too."""

from django import forms

from citemetiers.core.forms import ModelMultipleChoiceField
from citemetiers.referentials.models import Occupation


class OccupationsField(ModelMultipleChoiceField):
    """Chosen through the autocomplete combobox; posted as occupation ids."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(queryset=Occupation.objects.filter(is_active=True), required=False, **kwargs)
