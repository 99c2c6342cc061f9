import re
from datetime import time
from itertools import pairwise

from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import WEEKDAYS, Centre, Organisation, Partnership
from citemetiers.centres.selectors import subdivisions
from citemetiers.core.choices import country_choices, language_choices, time_zone_choices
from citemetiers.core.forms import DateField, DateInput, formfield
from citemetiers.core.personal_data import GuardedTextField

# Accept 09:00, 9h, 9h30 or 9.30, and the en dash that word processors put between hours.
HOUR = r"(\d{1,2})(?:[:hH.](\d{2})?)?"
PERIOD_RE = re.compile(rf"^\s*{HOUR}\s*[-\u2013]\s*{HOUR}\s*$")


def parse_opening_periods(value: str) -> list[list[str]]:
    """Parse "09:00-12:30, 13:30-17:00" into sorted, non-overlapping periods."""
    periods = []
    for chunk in filter(None, (part.strip() for part in re.split(r"[,;]", value or ""))):
        match = PERIOD_RE.match(chunk)
        if not match:
            raise forms.ValidationError(
                _("“%(chunk)s” is not a period: write it like 09:00-12:30."), params={"chunk": chunk}
            )
        h1, m1, h2, m2 = (int(group or 0) for group in match.groups())
        try:
            start, end = time(h1, m1), time(h2, m2)
        except ValueError as error:
            raise forms.ValidationError(
                _("“%(chunk)s” contains an hour that does not exist."), params={"chunk": chunk}
            ) from error
        if start >= end:
            raise forms.ValidationError(_("In “%(chunk)s” the end comes before the start."), params={"chunk": chunk})
        periods.append([start.strftime("%H:%M"), end.strftime("%H:%M")])
    periods.sort()
    for previous, following in pairwise(periods):
        if following[0] < previous[1]:
            raise forms.ValidationError(_("Two opening periods overlap."))
    return periods


class CentreProfileForm(forms.ModelForm):
    guard_exempt = dict.fromkeys(["name", "city", "phone", "address"], "the Cité's own public details")
    country = forms.ChoiceField(label=_("Country"))
    subdivision = forms.ChoiceField(
        label=_("Region for public holidays"),
        required=False,
        help_text=_("The Cité closes on the public holidays of its country, and of this region when there is one."),
        error_messages={"invalid_choice": _("Choose a region of the Cité's country, or none.")},
    )
    main_language = forms.ChoiceField(
        label=_("Main language"), help_text=_("The language of the Cité's tickets, displays and documents.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Other languages"),
        required=False,
        help_text=_("Other languages in which the Cité welcomes its public."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))

    class Meta:
        model = Centre
        formfield_callback = formfield
        fields = [
            "name",
            "country",
            "subdivision",
            "city",
            "address",
            "email",
            "phone",
            "website",
            "main_language",
            "languages",
            "time_zone",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *country_choices()]
        # The regions of the country being saved (the one typed, else the Cité's): each country has its own.
        country = self.data.get(self.add_prefix("country"), self.instance.country) if self.is_bound else None
        country = country or self.instance.country
        self.fields["subdivision"].choices = [
            ("", _("None: the national holidays only")),
            *sorted(subdivisions(country).items(), key=lambda item: item[1]),
        ]
        self.fields["main_language"].choices = [("", "---------"), *language_choices()]
        self.fields["languages"].choices = language_choices()
        if self.instance.languages:
            self.initial["main_language"] = self.instance.languages[0]
            self.initial["languages"] = self.instance.languages[1:]
        self.fields["time_zone"].choices = time_zone_choices()
        for day, label in WEEKDAYS:
            periods = self.instance.opening_periods(day) if self.instance.pk else []
            self.fields[f"hours_{day}"] = forms.CharField(
                label=label,
                required=False,
                initial=", ".join(f"{start}-{end}" for start, end in periods),
                help_text=_("For example 09:00-12:30, 13:30-17:00; leave empty when closed."),
            )

    @property
    def opening_hours_fields(self):
        return [self[f"hours_{day}"] for day, _label in WEEKDAYS]

    @property
    def profile_fields(self):
        return [self[name] for name in self.Meta.fields]

    def clean(self):
        cleaned = super().clean()
        hours = {}
        for day, _label in WEEKDAYS:
            field = f"hours_{day}"
            try:
                periods = parse_opening_periods(self.data.get(self.add_prefix(field), ""))
            except forms.ValidationError as error:
                self.add_error(field, error)
                continue
            if periods:
                hours[str(day)] = periods
        cleaned["opening_hours"] = hours
        return cleaned

    def clean_languages(self):
        # The main language comes first; the others follow, each once.
        main = self.cleaned_data.get("main_language")
        return list(dict.fromkeys([main, *self.cleaned_data["languages"]])) if main else []


class OrganisationForm(forms.ModelForm):
    guard_exempt = dict.fromkeys(
        ["name", "description", "address", "opening_hours"], "a partner organisation's public details"
    )

    class Meta:
        model = Organisation
        formfield_callback = formfield
        fields = ["name", "kind", "website", "address", "opening_hours", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "address": forms.Textarea(attrs={"rows": 3})}


class ClosureForm(forms.Form):
    starts_on = DateField(label=_("First day closed"), widget=DateInput())
    ends_on = DateField(
        label=_("Last day closed"), widget=DateInput(), required=False, help_text=_("Leave empty for one day.")
    )
    reason = GuardedTextField(
        label=_("Reason"),
        required=True,
        max_length=200,
        help_text=_("Shown to the team and on the kiosk, for example: staff training day. Never a name."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and not cleaned.get("ends_on"):
            cleaned["ends_on"] = cleaned["starts_on"]
        return cleaned


class PartnershipForm(forms.ModelForm):
    guard_exempt = dict.fromkeys(["title", "other_commitments"], "an agreement with a partner organisation")

    class Meta:
        model = Partnership
        formfield_callback = formfield
        fields = [
            "organisation",
            "title",
            "starts_on",
            "ends_on",
            "adviser_hours_per_month",
            "advice_areas",
            "other_commitments",
            "is_active",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "advice_areas": forms.CheckboxSelectMultiple,
            "other_commitments": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_centre(centre).active()
        # The areas are reception's model, reached through the relation centres declares by name
        # ("reception.AdviceArea"), so that centres imports nothing from the app above it.
        areas = self.fields["advice_areas"].queryset.model
        self.fields["advice_areas"].queryset = areas.objects.for_centre(centre)
        if self.instance.pk:
            # The partner of an agreement does not change; a new partner means a new agreement.
            self.fields["organisation"].disabled = True
            self.fields["organisation"].queryset = Organisation.objects.for_centre(centre)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The agreement cannot end before it starts."))
        return cleaned


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Role.choices, label=_("Roles"), **kwargs)
        self.error_messages["required"] = _("Choose at least one role.")


class MemberAddForm(forms.Form):
    guard_exempt = {"full_name": "staff are named; visitors never are"}
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    roles = RolesField()
    organisation = forms.ModelChoiceField(
        label=_("Employer organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_centre(centre).active()


class MemberEditForm(forms.Form):
    roles = RolesField()
    organisation = forms.ModelChoiceField(
        label=_("Employer organisation"), queryset=Organisation.objects.none(), required=False
    )
    is_active = forms.BooleanField(
        label=_("Active"), required=False, help_text=_("Untick when the person leaves the team; history is kept.")
    )

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.for_centre(centre)
