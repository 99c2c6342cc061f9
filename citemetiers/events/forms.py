from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.models import Membership, Organisation
from citemetiers.core.forms import formfield
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.events.models import EventTemplate, EventType, Session
from citemetiers.referentials.forms import OccupationsField
from citemetiers.territory.models import Service

SETUP = "the Cité's own description of its event, checked by the guard's context of staff names"
BASE_FIELDS = [
    "event_type",
    "title",
    "description",
    "audience",
    "place_kind",
    "room",
    "service",
    "online_link",
    "capacity",
    "accessibility",
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class EventTypeForm(forms.ModelForm):
    guard_exempt = {"name": "the name of a kind of event, the Cité's own set-up"}

    class Meta:
        model = EventType
        fields = ["name", "default_duration", "default_capacity", "advice_area"]

    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        # Through the field's own queryset: reception sits above events and is not imported here.
        area_model = self.fields["advice_area"].queryset.model
        self.fields["advice_area"].queryset = area_model.objects.filter(centre=centre, is_active=True)


class _EventFieldsForm(forms.ModelForm):
    def __init__(self, *args, centre, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_type"].queryset = EventType.objects.for_centre(centre)
        self.fields["service"].queryset = Service.objects.filter(centre=centre).select_related("structure")
        for name in ("themes", "occupations", "facilitators", "partner_organisations"):
            if name in self.fields:
                self.fields[name].required = False
        if "themes" in self.fields:
            theme_model = self.fields["themes"].queryset.model
            self.fields["themes"].queryset = theme_model.objects.filter(centre=centre, is_active=True)
            self.fields["facilitators"].queryset = centre_staff(centre)
            self.fields["partner_organisations"].queryset = Organisation.objects.filter(centre=centre, is_active=True)


def centre_staff(centre):
    from citemetiers.accounts.models import User

    ids = Membership.objects.active().filter(centre=centre).values("user_id")
    return User.objects.filter(pk__in=ids).order_by("full_name")


# The description, audience and accessibility notes are free text: the guard reads them.
EVENT_EXEMPT = {"title": "an event's public title, the Cité's own", "room": "a room's name, the Cité's own"}


class SessionForm(_EventFieldsForm):
    guard_exempt = EVENT_EXEMPT
    occupations = OccupationsField(label=_("Occupations"))

    class Meta:
        model = Session
        formfield_callback = formfield
        fields = [
            *BASE_FIELDS,
            "starts_at",
            "ends_at",
            "registration_opens",
            "registration_closes",
            "themes",
            "occupations",
            "facilitators",
            "partner_organisations",
        ]
        field_classes = {
            "description": GuardedTextField,
            "audience": GuardedTextField,
            "accessibility": GuardedTextField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens": DateTimeInput(),
            "registration_closes": DateTimeInput(),
        }


class TemplateForm(_EventFieldsForm):
    class Meta:
        model = EventTemplate
        formfield_callback = formfield
        fields = [*BASE_FIELDS, "rrule", "first_start", "duration"]
        field_classes = {
            "description": GuardedTextField,
            "audience": GuardedTextField,
            "accessibility": GuardedTextField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "first_start": DateTimeInput(),
        }
        help_texts = {
            "rrule": _("For example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6: every second Tuesday, six times.")
        }

    guard_exempt = {**EVENT_EXEMPT, "rrule": "a recurrence rule, not text about a person"}


class RegisterForm(forms.Form):
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=1)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Registration code"), max_length=12)
    guard_exempt = {"code": "a registration code, compared and never stored"}


class HeadCountForm(forms.Form):
    walk_ins = forms.IntegerField(label=_("Walk-in attendees"), min_value=0, max_value=10000)


class EvaluationForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you with this session?"),
        coerce=int,
        choices=[(value, str(value)) for value in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = GuardedTextField(label=_("Comment (optional)"), required=False, max_length=1000, widget=forms.Textarea)
