"""Forms of the directory: a structure, a service (the data·inclusion schema's fields and vocabularies)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.accounts.models import User
from citemetiers.centres.models import Membership
from citemetiers.core.forms import DateField, formfield
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.territory.hours import validate_opening_hours
from citemetiers.territory.models import DiagnosticImportKind, Service, Structure
from citemetiers.territory.perms import can_edit_directory
from citemetiers.territory.vocab import FEES, PUBLICS, RECEPTION_MODES, SERVICE_TYPES, THEMES, theme_choices

_PUBLIC_DETAILS = "a public service's own published details, not text about a visitor"
# Texts written about a service: a person's name or number must not slip into them.
_GUARDED = dict.fromkeys(
    ["description", "fees_details", "publics_details", "access_conditions", "how_to_access"], GuardedTextField
)


class _HoursMixin:
    def clean_opening_hours(self):
        value = self.cleaned_data["opening_hours"].strip()
        validate_opening_hours(value)
        return value


class StructureForm(_HoursMixin, forms.ModelForm):
    guard_exempt = dict.fromkeys(
        ["name", "siret", "address", "address_complement", "postcode", "commune", "commune_code", "phone",
         "opening_hours"],
        _PUBLIC_DETAILS,
    )  # fmt: skip

    class Meta:
        model = Structure
        formfield_callback = formfield
        fields = ["name", "siret", "description", "address", "address_complement", "postcode", "commune",
                  "commune_code", "latitude", "longitude", "phone", "email", "website", "source_link",
                  "opening_hours"]  # fmt: skip
        field_classes = {"description": GuardedTextField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"phone": _("The structure's public desk, never a person's.")}


class ServiceForm(_HoursMixin, forms.ModelForm):
    guard_exempt = dict.fromkeys(
        ["name", "address", "address_complement", "postcode", "commune", "commune_code", "opening_hours"],
        _PUBLIC_DETAILS,
    )
    type = forms.ChoiceField(label=_("Service type"), required=False, choices=[("", "—"), *SERVICE_TYPES])
    themes = forms.MultipleChoiceField(label=_("Themes"), required=False, choices=THEMES)
    publics = forms.MultipleChoiceField(
        label=_("Publics"), required=False, choices=PUBLICS, widget=forms.CheckboxSelectMultiple
    )
    fees = forms.ChoiceField(label=_("Fees"), required=False, choices=[("", "—"), *FEES])
    reception_modes = forms.MultipleChoiceField(
        label=_("Reception modes"), required=False, choices=RECEPTION_MODES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Service
        formfield_callback = formfield
        fields = ["structure", "name", "description", "type", "themes", "fees", "fees_details", "publics",
                  "publics_details", "access_conditions", "reception_modes", "how_to_access", "access_link",
                  "address", "address_complement", "postcode", "commune", "commune_code", "latitude",
                  "longitude", "opening_hours", "website", "update_frequency_days", "maintainer"]  # fmt: skip
        field_classes = _GUARDED
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in _GUARDED}
        help_texts = {
            "opening_hours": _(
                "In the OpenStreetMap format, e.g. “Mo-Fr 09:00-12:00,14:00-17:00”; empty: the structure's."
            ),
            "update_frequency_days": _("After this many days without a check the service is listed to update."),
        }

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this Cité's structures: another Cité's is not a choice (and its id an invalid one).
        self.fields["structure"].queryset = Structure.objects.for_centre(centre)
        # The maintainer is reminded when the service goes stale: one of those who may edit it.
        keepers = [
            m.user_id
            for m in Membership.objects.filter(centre=centre, is_active=True, user__is_active=True)
            if can_edit_directory(m)
        ]
        self.fields["maintainer"].queryset = User.objects.filter(pk__in=keepers).order_by("full_name", "email")


class DirectoryImportForm(forms.Form):
    """Two files of a data·inclusion extract, read as UTF-8 text (the job keeps the text, not the file)."""

    format = forms.ChoiceField(label=_("Format"), choices=[("json", "JSON"), ("csv", "CSV")])
    structures = forms.FileField(label=_("Structures file"))
    services = forms.FileField(label=_("Services file"))

    # An extract of 50,000 services is some 60 MB of JSON; more is not one territory's.
    MAX_BYTES = 100 * 1024 * 1024

    def _text(self, name):
        return _read_text(self.cleaned_data[name], self.MAX_BYTES)

    def clean_structures(self):
        return self._text("structures")

    def clean_services(self):
        return self._text("services")


def _read_text(upload, max_bytes: int) -> str:
    if upload.size > max_bytes:
        raise forms.ValidationError(_("This file is too large (100 MB at most)."))
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise forms.ValidationError(_("This file is not UTF-8 text.")) from exc


class DiagnosticImportForm(forms.Form):
    """A zones or labour-figures CSV file, or the zones' shapes in GeoJSON, read as UTF-8 text; the figures
    name their source and its date."""

    kind = forms.ChoiceField(label=_("Kind of file"), choices=DiagnosticImportKind.choices)
    file = forms.FileField(label=_("File (CSV, or GeoJSON for the shapes)"))
    # Stored and shown beside the figures: the guard reads it like any text typed here.
    source = GuardedTextField(
        label=_("Source of the figures"), required=False, max_length=200,
        help_text=_("E.g. “France Travail, BMO 2026”. Needed for labour-market figures."),
    )  # fmt: skip
    source_date = DateField(label=_("Date of the source"), required=False)

    MAX_BYTES = DirectoryImportForm.MAX_BYTES

    def clean_file(self):
        return _read_text(self.cleaned_data["file"], self.MAX_BYTES)

    def clean(self):
        data = super().clean()
        if data.get("kind") == DiagnosticImportKind.FIGURES:
            for name in ("source", "source_date"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Labour-market figures need their source and its date."))
        return data


class SavedSearchForm(forms.Form):
    """A search of the directory to keep: its words are stored, so they pass the guard."""

    name = GuardedTextField(label=_("Name of the search"), max_length=100)
    text = GuardedTextField(label=_("Search"), required=False, max_length=100)
    # Codes of the schema's vocabularies, carried from the search as it was made.
    theme = forms.ChoiceField(required=False, choices=[("", "—"), *theme_choices()], widget=forms.HiddenInput)
    public = forms.ChoiceField(required=False, choices=[("", "—"), *PUBLICS], widget=forms.HiddenInput)
    place = GuardedTextField(label=_("Place (town, postcode or area code)"), required=False, max_length=100)
