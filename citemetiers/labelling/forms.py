"""Forms of labelling; every free text under the personal-data guard."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from citemetiers.accounts.roles import NetworkRole
from citemetiers.centres.models import Centre
from citemetiers.core.forms import DateField
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.labelling.models import MemberKind, RequirementStatus, SessionKind, Severity
from citemetiers.labelling.selectors import users_with_network_role


class EnquiryForm(forms.Form):
    territory = GuardedTextField(label=_("Territory"), max_length=200)
    country = forms.CharField(label=_("Country code"), max_length=2, min_length=2, help_text=_("Two letters: FR, IT…"))
    guard_exempt = {"country": "a two-letter code"}
    population = forms.IntegerField(
        label=_("Population of the territory"), min_value=0, max_value=100_000_000, required=False
    )
    opening_on = DateField(label=_("Planned opening"), required=False)


class TransitionForm(forms.Form):
    reason = GuardedTextField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class RequirementForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RequirementStatus.choices)
    account = GuardedTextField(label=_("Account"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))


class EvaluatorForm(forms.Form):
    evaluator = forms.ModelChoiceField(label=_("Evaluator"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Lazy: filtered in the database when the choices are read, in one query.
        self.fields["evaluator"].queryset = users_with_network_role(NetworkRole.LABEL_EVALUATOR).order_by("full_name")


class ReportForm(forms.Form):
    report = GuardedTextField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 4}))


class CommissionMemberForm(forms.Form):
    guard_exempt = {"name": "members of the commission are named; visitors never are"}
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Seat"), choices=MemberKind.choices)
    centre = forms.ModelChoiceField(label=_("Cité"), queryset=Centre.objects.active(), required=False)
    conflict_of_interest = GuardedTextField(label=_("Declared conflict of interest"), max_length=300, required=False)


class MentorForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor Cité"), queryset=Centre.objects.active())


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    held_on = DateField(label=_("Date"))
    summary = GuardedTextField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}))
    attendees = forms.IntegerField(label=_("People of the new Cité attending"), min_value=0, max_value=500, initial=0)


class MilestoneForm(forms.Form):
    title = GuardedTextField(label=_("Milestone"), max_length=200)
    weeks_before_opening = forms.IntegerField(label=_("Weeks before the opening"), min_value=0, max_value=260)


class NonConformityForm(forms.Form):
    requirement = forms.TypedChoiceField(label=_("Criterion"), coerce=int)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    finding = GuardedTextField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = DateField(label=_("Deadline"))

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].choices = [(r.pk, str(r.criterion)) for r in application.requirements.all()]


class RenewalForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the figures"), min_value=2000, max_value=2100)
