"""Daily anonymous aggregates of a Cité's reception: counts only, never a record of a visit.

One row is one count: on `day`, in `area` (none for visits that did not queue), the `metric`
(visits, channel, age_band, theme, wait_minutes…) took the value `key` `value` times. Waiting
and service times are kept as histograms by the minute, so medians and 90th percentiles of any
period and any set of areas come out exactly from sums.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from citemetiers.core.files import RandomName
from citemetiers.core.tenancy import centre_scoped


class DailyCount(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    area = models.ForeignKey("reception.AdviceArea", on_delete=models.CASCADE, null=True, related_name="+")
    metric = models.CharField(max_length=32)
    key = models.CharField(max_length=64, blank=True)
    value = models.PositiveIntegerField()
    # Monthly figures a Cité kept before the platform, uploaded from a spreadsheet (on the month's 1st).
    imported = models.BooleanField(default=False)

    objects = centre_scoped()

    class Meta:
        indexes = [
            models.Index(fields=["centre", "metric", "day"]),
            models.Index(fields=["metric", "day"]),
        ]

    def __str__(self):
        return f"{self.centre_id} {self.day} {self.area_id} {self.metric}={self.key}: {self.value}"


class DirtyDay(models.Model):
    """A day of a Cité whose aggregates must be computed again: written by the reception's services."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    objects = centre_scoped()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "day"], name="dirtyday_unique")]

    def __str__(self):
        return f"{self.centre_id} {self.day}"


class ImportBatch(models.Model):
    """One accepted upload of historical monthly figures: which months it brought, by whom."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    filename = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()
    months = models.JSONField(default=list)

    objects = centre_scoped()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.centre_id} {self.filename}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ActivityReport(models.Model):
    """The annual activity report of a Cité, made in the background as a PDF."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A random stored name: the report is only ever served by report_download, to the Cité's team.
    pdf = models.FileField(upload_to=RandomName("reports"), blank=True)
    error = models.TextField(blank=True)

    objects = centre_scoped()

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.centre_id} {self.year}"


class MonthlyCount(models.Model):
    """The daily counts summed by calendar month: a year of the whole network reads ~30 times fewer rows."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the 1st of the month
    area = models.ForeignKey("reception.AdviceArea", on_delete=models.CASCADE, null=True, related_name="+")
    metric = models.CharField(max_length=32)
    key = models.CharField(max_length=64, blank=True)
    value = models.PositiveIntegerField()

    objects = centre_scoped()

    class Meta:
        indexes = [
            models.Index(fields=["centre", "metric", "month"]),
            models.Index(fields=["metric", "month"]),
        ]

    def __str__(self):
        return f"{self.centre_id} {self.month:%Y-%m} {self.area_id} {self.metric}={self.key}: {self.value}"


class MonthlyTotal(models.Model):
    """The monthly counts summed over the advice areas: what the network comparison and a dashboard
    of every area read, six times fewer rows than MonthlyCount for a Cité of six areas."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the 1st of the month
    metric = models.CharField(max_length=32)
    key = models.CharField(max_length=64, blank=True)
    value = models.PositiveIntegerField()

    objects = centre_scoped()

    class Meta:
        indexes = [
            models.Index(fields=["centre", "month"]),
            models.Index(fields=["metric", "month"]),
        ]

    def __str__(self):
        return f"{self.centre_id} {self.month:%Y-%m} {self.metric}={self.key}: {self.value}"
