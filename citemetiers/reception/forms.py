from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from citemetiers.reception.models import AdviceArea


class AdviceAreaForm(forms.ModelForm):
    # Typed in lower case on a tablet as often as not: accept it, store capitals.
    code = forms.CharField(
        label=pgettext_lazy("advice area", "Ticket letter"),
        max_length=2,
        help_text=_("Printed before ticket numbers, for example A for A-014."),
    )

    class Meta:
        model = AdviceArea
        fields = ["name", "code", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
