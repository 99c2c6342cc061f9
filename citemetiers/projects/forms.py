from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.core.forms import DateField, DateInput, ModelMultipleChoiceField
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.library.models import Resource
from citemetiers.projects.models import (
    ADOPTED_DOCUMENTS,
    ADOPTED_RESOURCES,
    Direction,
    ObjectiveKind,
    Project,
    ProjectStatus,
    Scope,
    TaskStatus,
)

# What an objective may be measured by: an indicator (indicators' metrics), the key inside one optional,
# or the adoptions of the library's resources by other Cités (the key unused).
METRICS = [
    ("visits", _("Visits")),
    ("interviews", _("Interviews")),
    ("age_band", _("Visits by age band")),
    ("theme", _("Interviews by theme")),
    ("satisfaction", _("Satisfaction answers")),
    (ADOPTED_RESOURCES, _("Resources of this Cité adopted by other Cités")),
    (ADOPTED_DOCUMENTS, _("Documents of this project adopted by other Cités")),
]


def _label(membership) -> str:
    # The employer beside the name: a project's mix of organisations is visible in the choice.
    return f"{membership.user} ({membership.organisation or membership.centre})"


class _StaffPick:
    """Choices among memberships read beforehand, each in its own Cité's scope (a project of several
    Cités has members of other Cités, which a queryset of the page's Cité could not find again)."""

    def set_staff(self, memberships) -> None:
        self.staff = {str(m.pk): m for m in memberships}
        self.choices = [*self.blank, *((pk, _label(m)) for pk, m in self.staff.items())]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return [str(getattr(v, "pk", v)) for v in value]
        return str(getattr(value, "pk", value)) if value not in (None, "") else value


class MembershipPick(_StaffPick, forms.ChoiceField):
    blank = [("", "---------")]

    def clean(self, value):
        return self.staff.get(super().clean(value))


class MembershipsPick(_StaffPick, forms.MultipleChoiceField):
    blank = []

    def clean(self, value):
        return [self.staff[pk] for pk in super().clean(value)]


class ProjectForm(forms.Form):
    title = GuardedTextField(label=_("Title"), max_length=200)
    purpose = GuardedTextField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)
    lead = MembershipPick(label=_("Lead"))
    members = MembershipsPick(label=_("Members"), required=False)
    starts_on = DateField(label=_("Start"), widget=DateInput(), required=False)
    ends_on = DateField(label=_("End"), widget=DateInput(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices, initial=ProjectStatus.ACTIVE)
    source = GuardedTextField(label=_("Source"), max_length=300, required=False)
    resources = ModelMultipleChoiceField(label=_("Documents used"), queryset=Resource.objects.none(), required=False)
    produced_resources = ModelMultipleChoiceField(
        label=_("Documents produced"), queryset=Resource.objects.none(), required=False
    )

    def __init__(self, *args, staff, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].set_staff(staff)
        self.fields["members"].set_staff(staff)
        # The library documents the Cité may read, by their title in the current language.
        documents = Resource.objects.visible_to(centre).prefetch_related("translations")
        self.fields["resources"].queryset = documents
        self.fields["produced_resources"].queryset = documents

    @classmethod
    def initial_of(cls, project: Project, members) -> dict:
        return {
            "title": project.title,
            "purpose": project.purpose,
            "scope": project.scope,
            "lead": project.lead,
            "members": members,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "status": project.status,
            "source": project.source,
            "resources": list(project.resources.all()),
            "produced_resources": list(project.produced_resources.all()),
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
    # An owner typed by hand outside the choices hears the service's own rule, not "not a valid choice".
    owner = MembershipPick(
        label=_("Owner"),
        error_messages={"invalid_choice": _("Give the task to a member of this Cité or of the project.")},
    )
    due_on = DateField(label=_("Due on"), widget=DateInput(), required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].set_staff(owners)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
