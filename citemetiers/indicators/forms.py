from datetime import date, timedelta

from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citemetiers.core.forms import DateField, DateInput
from citemetiers.indicators.models import MonthlyTotal
from citemetiers.reception.models import AdviceArea

STEPS = [("day", _("by day")), ("week", _("by week")), ("month", _("by month"))]
MAX_DAYS = 3 * 366


class PeriodForm(forms.Form):
    """The period (and area) of a dashboard; read from the address so that a view can be shared."""

    start = DateField(label=_("From"), widget=DateInput())
    end = DateField(label=_("To"), widget=DateInput())

    def __init__(self, data=None, **kwargs):
        today = timezone.localdate()
        defaults = {"start": (today - timedelta(days=29)).isoformat(), "end": today.isoformat()}
        data = {**defaults, **{k: v for k, v in (data or {}).items() if v}}
        super().__init__(data, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The end of the period comes before its start."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("start", _("Choose a period of three years at most."))
        return data


class DashboardForm(PeriodForm):
    area = forms.ModelChoiceField(
        label=_("Advice area"), queryset=AdviceArea.objects.none(), required=False, empty_label=_("All areas")
    )
    step = forms.ChoiceField(label=_("Visits shown"), choices=STEPS, required=False)

    def __init__(self, data=None, *, centre, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["area"].queryset = AdviceArea.objects.for_centre(centre)

    def clean_step(self):
        return self.cleaned_data["step"] or "day"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File of monthly figures (CSV or XLSX)"),
        help_text=_("At most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Send a CSV or an XLSX file."))
        return upload


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = range(this_year, this_year - 10, -1)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].initial = self._default_year(centre, this_year, years)

    @staticmethod
    def _default_year(centre, this_year: int, years: range) -> int:
        """The last complete year with figures; the current one when it alone has any; else last year."""
        if centre is None:
            return this_year - 1
        months = MonthlyTotal.objects.filter(centre=centre, metric="visits", month__year__in=list(years))
        before = months.filter(month__lt=date(this_year, 1, 1)).aggregate(last=Max("month"))["last"]
        if before is not None:
            return before.year
        return this_year if months.exists() else this_year - 1
