from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citemetiers.core.forms import DateInput
from citemetiers.core.personal_data import GuardedTextField
from citemetiers.groups.models import Answer, MinutesState, Outcome, PollKind, Presence


class AgendaItemForm(forms.Form):
    title = GuardedTextField(label=_("Item to put on the agenda"), max_length=200)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker, which sends ISO whatever the page's language."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


class SeriesForm(forms.Form):
    guard_exempt = dict.fromkeys(["rrule", "exceptions"], "a recurrence rule and dates, not text about a visitor")

    rrule = forms.CharField(
        label=_("Recurrence rule"),
        max_length=300,
        initial="FREQ=MONTHLY;BYDAY=+1TU;COUNT=10",
        help_text=_("An RFC 5545 rule, for example FREQ=MONTHLY;BYDAY=+1TU;COUNT=10 (the first Tuesday, ten times)."),
    )
    first_start = forms.DateTimeField(label=_("First meeting"), widget=DateTimeInput())
    duration = forms.IntegerField(label=_("Length in minutes"), min_value=15, max_value=600, initial=120)
    exceptions = forms.CharField(
        label=_("Days left out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One date a line, as YYYY-MM-DD."),
    )
    place = GuardedTextField(label=_("Place"), max_length=200, required=False)

    def clean_exceptions(self) -> list[date]:
        days = []
        for part in _lines(self.cleaned_data["exceptions"]):
            try:
                days.append(date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(_("“%(value)s” is not a date as YYYY-MM-DD.") % {"value": part}) from None
        return days


class AttendanceForm(forms.Form):
    """One choice per person invited, named by their attendance row."""

    def __init__(self, *args, attendances=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = list(attendances)
        for attendance in self.attendances:
            self.fields[f"a{attendance.pk}"] = forms.ChoiceField(
                label=str(attendance.member.user), choices=Presence.choices, initial=attendance.status
            )

    def changes(self):
        return [
            (attendance, self.cleaned_data[f"a{attendance.pk}"])
            for attendance in self.attendances
            if self.cleaned_data[f"a{attendance.pk}"] != attendance.status
        ]


class MinuteItemForm(forms.Form):
    agenda_item = forms.ChoiceField(label=_("Agenda item"))
    text = GuardedTextField(label=_("What was said"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    title = GuardedTextField(
        label=_("Title of the decision, task or project"),
        max_length=200,
        required=False,
        help_text=_("The agenda item's title when left empty."),
    )
    owner = forms.ChoiceField(label=_("Who takes it on"), required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())

    def __init__(self, *args, agenda=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = {str(item.pk): item for item in agenda}
        self.members = {str(member.pk): member for member in members}
        self.fields["agenda_item"].choices = [(pk, item.title) for pk, item in self.agenda.items()]
        self.fields["owner"].choices = [("", "—")] + [(pk, str(m.user)) for pk, m in self.members.items()]

    def clean_agenda_item(self):
        return self.agenda[self.cleaned_data["agenda_item"]]

    def clean_owner(self):
        return self.members.get(self.cleaned_data["owner"])


class MinutesStepForm(forms.Form):
    transition = forms.ChoiceField(choices=[("circulate", ""), ("approve", ""), ("freeze", "")])


class CorrectionForm(forms.Form):
    reason = GuardedTextField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}))


class PollForm(forms.Form):
    guard_exempt = {"dates": "dates proposed for a meeting, not text about a visitor"}

    kind = forms.ChoiceField(label=_("Kind of poll"), choices=PollKind.choices)
    question = GuardedTextField(label=_("Question"), max_length=300)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=DateTimeInput())
    dates = forms.CharField(
        label=_("Dates proposed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a date poll: one date and time a line, as YYYY-MM-DD HH:MM."),
    )

    def clean_dates(self) -> list[datetime]:
        found = []
        for part in _lines(self.cleaned_data["dates"]):
            try:
                moment = datetime.fromisoformat(part)
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date and time as YYYY-MM-DD HH:MM.") % {"value": part}
                ) from None
            if not 2000 <= moment.year <= 2100:
                raise forms.ValidationError(_("Choose a date between 2000 and 2100."))
            found.append(timezone.make_aware(moment) if timezone.is_naive(moment) else moment)
        return found


class VoteForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=Answer.choices, required=False, widget=forms.RadioSelect)
    reason = GuardedTextField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    options = forms.MultipleChoiceField(
        label=_("The dates you can come"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.poll_options = {str(option.pk): option for option in poll.options.all()}
        self.fields["options"].choices = [
            (pk, date_format(timezone.localtime(option.starts_at), "DATETIME_FORMAT"))
            for pk, option in self.poll_options.items()
        ]
        if poll.kind == PollKind.CONSENT:
            del self.fields["options"]
        else:
            del self.fields["answer"]
            del self.fields["reason"]

    def clean_options(self):
        return [self.poll_options[pk] for pk in self.cleaned_data["options"]]


MINUTES_STEPS = {
    MinutesState.DRAFTED: ("circulate", _("Circulate the minutes")),
    MinutesState.CIRCULATED: ("approve", _("Approve the minutes")),
    MinutesState.APPROVED: ("freeze", _("Freeze the minutes")),
}
