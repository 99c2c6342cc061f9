from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.core.personal_data import GuardedTextField


class AgendaItemForm(forms.Form):
    title = GuardedTextField(label=_("Item to put on the agenda"), max_length=200)
