from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.core.forms import DateField, DateInput, is_id
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.library.models import Resource, ResourceTranslation
from citemetiers.library.vocab import LANGUAGES, Area, Audience, Kind, Licence, Theme, Visibility
from citemetiers.referentials.forms import OccupationsField


def _facet_field(label, choices):
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class ResourceForm(forms.Form):
    """How a resource is described: the same vocabularies across the network, so that search can facet."""

    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    visibility = forms.ChoiceField(
        label=_("Visible to"),
        choices=Visibility.choices,
        initial=Visibility.NETWORK,
        widget=forms.RadioSelect,
        help_text=_("Shared with the whole network unless it only makes sense in your Cité."),
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices, initial=Licence.CC_BY)
    themes = _facet_field(_("Themes"), Theme.choices)
    audiences = _facet_field(_("Audience"), Audience.choices)
    areas = _facet_field(_("Advice areas"), Area.choices)
    occupations = OccupationsField(label=_("Occupations"))

    @classmethod
    def initial_for(cls, resource: Resource) -> dict:
        return {
            "kind": resource.kind,
            "visibility": resource.visibility,
            "licence": resource.licence,
            "themes": resource.facet_values("theme"),
            "audiences": resource.facet_values("audience"),
            "areas": resource.facet_values("area"),
            "occupations": [o.pk for o in resource.occupations.all()],
        }


class TranslationForm(forms.ModelForm):
    """The text of a resource in one language; a practice sheet fills its sections too."""

    class Meta:
        model = ResourceTranslation
        fields = ["language", "title", "summary", "body", *ResourceTranslation.SHEET_FIELDS]
        field_classes = dict.fromkeys(["title", "summary", "body", *ResourceTranslation.SHEET_FIELDS], GuardedTextField)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 10}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in ResourceTranslation.SHEET_FIELDS},
        }
        help_texts = {"summary": _("Two or three sentences that say what it is and whom it helps.")}

    def __init__(self, *args, fixed_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = LANGUAGES
        if fixed_language:
            self.fields["language"].disabled = True
            self.initial["language"] = fixed_language

    @property
    def sheet_fields(self):
        return [self[name] for name in ResourceTranslation.SHEET_FIELDS]

    @property
    def text_fields(self):
        return [self["title"], self["summary"], self["body"]]


class ChangeNoteForm(forms.Form):
    change_note = GuardedTextField(
        label=_("What changed"),
        max_length=500,
        required=False,
        help_text=_("A line that readers of the versions will see, for example “figures of 2026 added”."),
    )


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, ODT or an image; 20 MB at most."))
    language = forms.ChoiceField(label=_("Language of the file"), choices=LANGUAGES)


class LinkForm(forms.Form):
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")
    label = GuardedTextField(label=_("Label"), max_length=200, required=False)


SCORES = [(str(n), str(n)) for n in range(1, 6)]


def _score_field(label, help_text):
    return forms.TypedChoiceField(
        label=label, choices=SCORES, coerce=int, widget=forms.RadioSelect, help_text=help_text
    )


class EvaluationForm(forms.Form):
    usefulness = _score_field(_("Usefulness"), _("Does it help advisers or visitors? 1 not at all, 5 very much."))
    clarity = _score_field(_("Clarity"), _("Can someone who did not write it follow it? 1 not at all, 5 very much."))
    transferability = _score_field(
        _("Transferability"), _("Could another Cité take it up? 1 not at all, 5 very easily.")
    )
    comment = GuardedTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ReplyForm(forms.Form):
    text = GuardedTextField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}))


class AdoptionForm(forms.Form):
    adopted_on = DateField(label=_("Adopted on"), widget=DateInput())
    account = GuardedTextField(
        label=_("How it went"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you kept, what you changed, what it gave: other Cités will read it."),
    )


class SearchForm(forms.Form):
    guard_exempt = {"q": "a search query is read, never stored"}
    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(choices=Kind.choices, required=False)
    language = forms.MultipleChoiceField(choices=LANGUAGES, required=False)
    theme = forms.MultipleChoiceField(choices=Theme.choices, required=False)
    audience = forms.MultipleChoiceField(choices=Audience.choices, required=False)
    area = forms.MultipleChoiceField(choices=Area.choices, required=False)
    occupation = forms.TypedMultipleChoiceField(coerce=int, required=False)
    centre = forms.TypedMultipleChoiceField(coerce=int, required=False)
    page = forms.IntegerField(min_value=1, max_value=10_000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number is accepted; the search keeps only what exists and is visible.
        for name in ("occupation", "centre"):
            self.fields[name].valid_value = is_id
