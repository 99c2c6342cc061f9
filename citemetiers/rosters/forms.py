from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.models import WEEKDAYS, Membership
from citemetiers.core.forms import DateField, DateInput, ModelMultipleChoiceField
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters.models import Desk, Slot

# Lazy labels: an f-string would freeze them at import, in whatever language was active then.
HALF_DAYS = [
    (f"{day}{slot}", format_lazy("{} {}", day_label, slot_label))
    for day, day_label in WEEKDAYS
    for slot, slot_label in Slot.choices
]


class DeskForm(forms.ModelForm):
    guard_exempt = {"name": "the Cité's own set-up, not text about a visitor"}

    class Meta:
        model = Desk
        fields = ["name", "capacity", "is_active"]


class AvailabilityForm(forms.Form):
    half_days = forms.MultipleChoiceField(
        label=_("Half-days when I can be on duty"),
        choices=HALF_DAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = DateField(
        label=_("From"),
        widget=DateInput(),
        help_text=_("What held before stays as it was."),
    )
    areas = ModelMultipleChoiceField(
        label=_("Advice areas I can hold"),
        queryset=AdviceArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When none is ticked, the areas of the employer's partnership agreement are used."),
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = AdviceArea.objects.for_centre(centre).active()

    def cells(self):
        return [(int(value[:-2]), value[-2:]) for value in self.cleaned_data["half_days"]]


class OneOffForm(forms.Form):
    day = DateField(label=_("Date"), widget=DateInput())
    slot = forms.ChoiceField(label=_("Half-day"), choices=Slot.choices)


class AbsenceForm(forms.Form):
    starts_on = DateField(label=_("First day away"), widget=DateInput())
    ends_on = DateField(label=_("Last day away"), widget=DateInput())


class ShiftForm(forms.Form):
    membership = forms.ModelChoiceField(label=_("Adviser"), queryset=Membership.objects.none())
    area = forms.ModelChoiceField(label=_("Advice area"), queryset=AdviceArea.objects.none())
    desk = forms.ModelChoiceField(label=_("Desk"), queryset=Desk.objects.none())
    day = DateField(label=_("Date"), widget=DateInput())
    slot = forms.ChoiceField(label=_("Half-day"), choices=Slot.choices)
    locked = forms.BooleanField(label=_("Locked: the planner keeps it"), required=False, initial=True)

    def __init__(self, *args, centre, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = advisers
        self.fields["membership"].label_from_instance = lambda m: m.user.get_full_name() or m.user.email
        self.fields["area"].queryset = AdviceArea.objects.for_centre(centre).active()
        self.fields["desk"].queryset = Desk.objects.for_centre(centre).filter(is_active=True)


class PeriodForm(forms.Form):
    starts_on = DateField(label=_("First day"), widget=DateInput())
    ends_on = DateField(label=_("Last day"), widget=DateInput())
