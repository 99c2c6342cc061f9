from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.models import Membership
from citemetiers.core.forms import DateField, DateInput, ModelMultipleChoiceField
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.projects.models import Direction, ObjectiveKind, Project, ProjectStatus, Scope, TaskStatus

# The indicators an objective may be measured by (indicators' metrics), the key inside one optional.
METRICS = [
    ("visits", _("Visits")),
    ("interviews", _("Interviews")),
    ("age_band", _("Visits by age band")),
    ("theme", _("Interviews by theme")),
    ("satisfaction", _("Satisfaction answers")),
]


def _staff(centre):
    return Membership.objects.for_centre(centre).active().select_related("user", "organisation")


class MembershipChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The employer beside the name: a project's mix of organisations is visible in the choice.
        return f"{obj.user} ({obj.organisation or obj.centre})"


class MembershipsChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user} ({obj.organisation or obj.centre})"


class ProjectForm(forms.Form):
    title = GuardedTextField(label=_("Title"), max_length=200)
    purpose = GuardedTextField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)
    lead = MembershipChoice(label=_("Lead"), queryset=Membership.objects.none())
    members = MembershipsChoice(label=_("Members"), queryset=Membership.objects.none(), required=False)
    starts_on = DateField(label=_("Start"), widget=DateInput(), required=False)
    ends_on = DateField(label=_("End"), widget=DateInput(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices, initial=ProjectStatus.ACTIVE)
    source = GuardedTextField(label=_("Source"), max_length=300, required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = _staff(centre)
        self.fields["members"].queryset = _staff(centre)

    @classmethod
    def initial_of(cls, project: Project) -> dict:
        return {
            "title": project.title,
            "purpose": project.purpose,
            "scope": project.scope,
            "lead": project.lead,
            "members": list(project.members.all()),
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "status": project.status,
            "source": project.source,
        }


class ObjectiveForm(forms.Form):
    title = GuardedTextField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ObjectiveKind.choices)
    metric = forms.ChoiceField(label=_("Indicator"), choices=[("", "—"), *METRICS], required=False)
    metric_key = forms.CharField(
        label=_("Filter"), max_length=60, required=False, help_text=_("An age band or a theme, for example.")
    )
    baseline = forms.FloatField(label=_("Baseline"), initial=0)
    target = forms.FloatField(label=_("Target"))
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    period_start = DateField(label=_("Period start"), widget=DateInput())
    period_end = DateField(label=_("Period end"), widget=DateInput())
    evidence = GuardedTextField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")
    guard_exempt = {"metric_key": "a key of the indicators (an age band, a theme code), not free text"}


class ObjectiveValueForm(forms.Form):
    value = forms.FloatField(label=_("Value"))
    recorded_on = DateField(label=_("Date"), widget=DateInput())
    evidence = GuardedTextField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https")


class MilestoneForm(forms.Form):
    title = GuardedTextField(label=_("Title"), max_length=200)
    due_on = DateField(label=_("Due on"), widget=DateInput())


class TaskForm(forms.Form):
    title = GuardedTextField(label=_("Task"), max_length=300)
    owner = MembershipChoice(label=_("Owner"), queryset=Membership.objects.none())
    due_on = DateField(label=_("Due on"), widget=DateInput(), required=False)

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff(centre)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
