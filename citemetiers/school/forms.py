from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.accounts.models import User
from citemetiers.centres.models import Centre
from citemetiers.core.forms import DateField
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.school import perms
from citemetiers.school.contributions import MAX_SCORE
from citemetiers.school.models import ContributionFormat, ContributionStatus, Season, Track

# A blank quota is no quota (the service reads None so): said on the field, since a cleared box looks
# like a mistake.
NO_QUOTA_HELP = _("Leave it empty for no quota: every registration then takes a place.")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class EditionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    season = forms.ChoiceField(label=_("Season"), choices=Season.choices)
    host_centre = forms.ModelChoiceField(label=_("Host Cité"), queryset=Centre.objects.none())
    starts_on = DateField(label=_("First day"))
    ends_on = DateField(label=_("Last day"))
    venue = GuardedTextField(label=_("Venue"), max_length=200, required=False)
    theme = GuardedTextField(label=_("Theme"), max_length=200, required=False)
    anonymised_review = forms.BooleanField(label=_("Reviewers do not see the authors"), required=False, initial=True)
    quota_per_cite = forms.IntegerField(
        label=_("Places per Cité"), min_value=1, max_value=1000, required=False, help_text=NO_QUOTA_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_centre"].queryset = Centre.objects.active().order_by("name")


class CallForm(forms.Form):
    opens_on = DateField(label=_("The call opens on"))
    closes_on = DateField(label=_("The call closes on"))
    text = GuardedTextField(label=_("Text of the call"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class NameForm(forms.Form):
    name = GuardedTextField(label=_("Name"), max_length=120)


class ReviewerForm(forms.Form):
    email = forms.EmailField(label=_("The reviewer's e-mail address"))

    def clean_email(self):
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No one of the staff signs in with this address."))
        return user


class TrackReviewerForm(ReviewerForm):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none())

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = edition.tracks.all()


class QuotaForm(forms.Form):
    quota_per_cite = forms.IntegerField(
        label=_("Places per Cité"), required=False, min_value=1, max_value=1000, help_text=NO_QUOTA_HELP
    )


class CoAuthorForm(ReviewerForm):
    cite = forms.ModelChoiceField(label=_("Cité"), queryset=Centre.objects.order_by("name"))


def _own_cites(field, user) -> None:
    """The Cités the person works for; the only one chosen already."""
    cites = [m.centre_id for m in perms.staff_memberships(user)]
    field.queryset = Centre.objects.filter(pk__in=cites).order_by("name")
    if len(cites) == 1:
        field.initial = cites[0]


class ContributionForm(forms.Form):
    title = GuardedTextField(label=_("Title"), max_length=200)
    abstract = GuardedTextField(label=_("Abstract"), widget=forms.Textarea(attrs={"rows": 6}))
    format = forms.ChoiceField(label=_("Format"), choices=ContributionFormat.choices)
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none())
    cite = forms.ModelChoiceField(label=_("Your Cité"), queryset=Centre.objects.none())

    def __init__(self, *args, edition, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = edition.tracks.all()
        _own_cites(self.fields["cite"], user)


class RegisterForm(forms.Form):
    cite = forms.ModelChoiceField(label=_("Your Cité"), queryset=Centre.objects.none())

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("prefix", "register")
        super().__init__(*args, **kwargs)
        _own_cites(self.fields["cite"], user)


class ReviewForm(forms.Form):
    comment = GuardedTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    abstained = forms.BooleanField(label=_("I abstain (conflict of interest)"), required=False)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for category in self.categories:
            self.fields[f"score_{category.pk}"] = forms.IntegerField(
                label=category.name, min_value=0, max_value=MAX_SCORE, required=False
            )

    def scores(self) -> dict[int, int]:
        data = self.cleaned_data
        return {c.pk: data[f"score_{c.pk}"] for c in self.categories if data.get(f"score_{c.pk}") is not None}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ContributionStatus.ACCEPTED, _("Accept")), (ContributionStatus.DECLINED, _("Decline"))],
    )
    format = forms.ChoiceField(
        label=_("Accepted as"), choices=[("", _("its proposed format")), *ContributionFormat.choices], required=False
    )
    message = GuardedTextField(
        label=_("Message to the authors"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SlotForm(forms.Form):
    day = DateField(label=_("Day"))
    starts_at = forms.TimeField(label=_("Start"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("End"), widget=TimeInput())
    room = GuardedTextField(label=_("Room"), max_length=100)


class SeedForm(forms.Form):
    title = GuardedTextField(label=_("Title of the project"), max_length=200)
    purpose = GuardedTextField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
