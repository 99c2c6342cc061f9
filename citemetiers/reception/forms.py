from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from citemetiers.centres.models import Organisation
from citemetiers.core.choices import residence_area_choices
from citemetiers.core.forms import ModelMultipleChoiceField
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.events.models import Session
from citemetiers.events.selectors import sessions_open_for_registration
from citemetiers.library.models import Resource
from citemetiers.library.vocab import Visibility
from citemetiers.reception.interviews import interview_missing
from citemetiers.reception.models import (
    AdviceArea,
    AgeBand,
    Channel,
    EducationLevel,
    Gender,
    Orientation,
    Outcome,
    ReceptionSettings,
    Situation,
    Theme,
)
from citemetiers.referentials.forms import OccupationsField
from citemetiers.territory.models import Service as TerritoryService

NOT_ASKED = ("", _("Not asked"))


class AdviceAreaForm(forms.ModelForm):
    guard_exempt = dict.fromkeys(["name", "code", "description"], "the Cité's own set-up, not text about a visitor")
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


class ThemeForm(forms.ModelForm):
    guard_exempt = {"name": "the Cité's own set-up, not text about a visitor"}

    class Meta:
        model = Theme
        fields = ["name", "is_active"]


def _profile_field(label, choices):
    return forms.ChoiceField(label=label, choices=[NOT_ASKED, *choices], required=False, widget=forms.RadioSelect)


class ProfileFields(forms.Form):
    """The anonymous profile in coarse bands; every question may be skipped."""

    age_band = _profile_field(_("Age"), AgeBand.choices)
    gender = _profile_field(_("Gender"), Gender.choices)
    situation = _profile_field(_("Situation"), Situation.choices)
    education_level = _profile_field(_("Education level"), EducationLevel.choices)

    profile_fields = ("age_band", "gender", "situation", "education_level")


class CheckInForm(ProfileFields):
    outcome = forms.ChoiceField(
        label=_("Orientation"), choices=Outcome.choices, initial=Outcome.QUEUE, widget=forms.RadioSelect
    )
    areas = ModelMultipleChoiceField(
        label=_("Queue for"), queryset=AdviceArea.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    organisation = forms.ModelChoiceField(
        label=_("Outside partner"), queryset=Organisation.objects.none(), required=False
    )
    service = forms.ModelChoiceField(
        label=_("Service of the territory"), queryset=TerritoryService.objects.none(), required=False
    )
    workshop = forms.ModelChoiceField(label=_("Workshop session"), queryset=Session.objects.none(), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.WALK_IN, required=False, widget=forms.RadioSelect
    )
    first_need = forms.ModelChoiceField(
        label=_("First need"),
        queryset=AdviceArea.objects.none(),
        required=False,
        empty_label=_("Same as the first area chosen"),
    )
    residence_area = forms.ChoiceField(label=_("Area of residence"), required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        areas = AdviceArea.objects.for_centre(centre).active()
        self.fields["areas"].queryset = areas
        self.fields["first_need"].queryset = areas
        self.fields["organisation"].queryset = Organisation.objects.filter(centre=centre, is_active=True)
        self.fields["service"].queryset = TerritoryService.objects.filter(centre=centre).select_related("structure")
        self.fields["workshop"].queryset = sessions_open_for_registration(centre=centre)
        self.fields["residence_area"].choices = [NOT_ASKED, *residence_area_choices(centre.country)]

    def clean_channel(self):
        return self.cleaned_data["channel"] or Channel.WALK_IN

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.QUEUE and not data.get("areas"):
            self.add_error("areas", _("Choose at least one advice area, or another orientation."))
        if data.get("outcome") == Outcome.PARTNER and not (data.get("organisation") or data.get("service")):
            self.add_error("organisation", _("Choose the partner the visitor is sent to."))
        return data


class KioskProfileForm(ProfileFields):
    area = forms.ModelChoiceField(queryset=AdviceArea.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = AdviceArea.objects.for_centre(centre).active()


class MoveTicketForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Move to"), queryset=AdviceArea.objects.none())

    def __init__(self, *args, centre, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = AdviceArea.objects.for_centre(centre).active()
        if exclude is not None:
            areas = areas.exclude(pk=exclude.pk)
        self.fields["area"].queryset = areas


class AdviserSetupForm(forms.Form):
    guard_exempt = {"desk": "the adviser's desk label, not text about a visitor"}
    areas = ModelMultipleChoiceField(
        label=_("Advice areas I serve"), queryset=AdviceArea.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    desk = forms.CharField(label=_("My desk"), max_length=40, help_text=_("Shown on the screen, e.g. “desk 3”."))

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = AdviceArea.objects.for_centre(centre).active()


class InterviewForm(forms.Form):
    themes = ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    occupations = OccupationsField(label=_("Occupations"))
    orientations = forms.MultipleChoiceField(
        label=_("Orientation given"), choices=Orientation.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    organisations = ModelMultipleChoiceField(
        label=_("Partner organisations recommended"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = ModelMultipleChoiceField(
        label=_("Services of the territory recommended"), queryset=TerritoryService.objects.none(), required=False
    )
    other_area = forms.ModelChoiceField(
        label=_("Other advice area recommended"), queryset=AdviceArea.objects.none(), required=False
    )
    recommendations = GuardedTextField(
        label=_("Recommendations for the visitor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Workshops, resources, web addresses: the visitor sees them on their ticket page."),
    )
    resources = ModelMultipleChoiceField(
        label=_("Library resources for the visitor"),
        queryset=Resource.objects.none(),
        required=False,
        widget=forms.MultipleHiddenInput,
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=480)
    notes = GuardedTextField(
        label=_("Notes for the team"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Never a name, a contact or a date of birth. Erased after the Cité's retention period."),
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["themes"].queryset = Theme.objects.for_centre(centre).active()
        self.fields["organisations"].queryset = Organisation.objects.filter(centre=centre, is_active=True)
        self.fields["services"].queryset = TerritoryService.objects.filter(centre=centre)
        self.fields["other_area"].queryset = AdviceArea.objects.for_centre(centre).active()
        # Only what a visitor may open: a resource private to a Cité is never shown to the public.
        self.fields["resources"].queryset = Resource.objects.visible_to(centre).filter(visibility=Visibility.NETWORK)

    def text_fields(self):
        return [self["recommendations"], self["duration_minutes"], self["notes"]]

    def clean(self):
        # Every missing answer at once; the service refuses the same (reception.interviews).
        cleaned = super().clean()
        missing = interview_missing(
            centre_id=self.centre.pk, themes=cleaned.get("themes") or [], orientations=cleaned.get("orientations") or []
        )
        for field, message in missing.items():
            self.add_error(field, message)
        return cleaned


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was your interview?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1: not useful at all, 5: very useful."),
    )
    comment = GuardedTextField(
        label=_("A comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Please do not write your name or your contact details."),
    )

    def comment_fields(self):
        return [self["comment"]]


class CardCodeForm(forms.Form):
    guard_exempt = {"code": "a random card code, checked against its HMAC and never stored"}
    code = forms.CharField(
        label=_("Visitor card code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class ReceptionSettingsForm(forms.ModelForm):
    class Meta:
        model = ReceptionSettings
        fields = ["notes_retention_months", "display_chime", "kiosk_return_seconds"]
