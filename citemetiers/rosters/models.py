"""Desks, advisers' availability, the duty roster and the planner's proposals."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from citemetiers.centres.models import WEEKDAYS
from citemetiers.core.tenancy import centre_scoped


class Slot(models.TextChoices):
    """The Cité's opening hours split in half-days: the unit of the roster."""

    MORNING = "am", _("Morning")
    AFTERNOON = "pm", _("Afternoon")


class CentreScoped(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class Desk(models.Model):
    """An advice desk or room; `capacity` advisers can hold it at once."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="desks")
    name = models.CharField(_("name"), max_length=60)
    capacity = models.PositiveSmallIntegerField(_("advisers at once"), default=1)
    is_active = models.BooleanField(_("active"), default=True)

    objects = centre_scoped(CentreScoped)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="desk_unique_name_per_centre")]

    def __str__(self):
        return self.name


class Coverage(models.Model):
    """An advice area an adviser is able to hold."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("centres.Membership", on_delete=models.CASCADE, related_name="coverages")
    area = models.ForeignKey("reception.AdviceArea", on_delete=models.CASCADE, related_name="+")

    objects = centre_scoped(CentreScoped)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "area"], name="coverage_unique")]

    def __str__(self):
        return f"{self.membership_id}:{self.area_id}"


class Availability(models.Model):
    """A half-day of the week when an adviser can be on duty, from a date (and until one)."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("centres.Membership", on_delete=models.CASCADE, related_name="availabilities")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    slot = models.CharField(_("half-day"), max_length=2, choices=Slot.choices)
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)
    # A one-off half-day outside the weekly pattern: valid_from = valid_until = that date.
    one_off = models.BooleanField(default=False)

    objects = centre_scoped(CentreScoped)

    class Meta:
        ordering = ["weekday", "slot"]
        indexes = [models.Index(fields=["centre", "membership"])]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.get_slot_display()}"


class Absence(models.Model):
    """Leave or another absence: no duty on these dates, whatever the weekly availability says."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("centres.Membership", on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    objects = centre_scoped(CentreScoped)

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after")
        ]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on}"


class Shift(models.Model):
    """An adviser on duty in an advice area, at a desk, for a half-day: one square of the roster."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("centres.Membership", on_delete=models.PROTECT, related_name="shifts")
    area = models.ForeignKey("reception.AdviceArea", on_delete=models.PROTECT, related_name="+")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="shifts")
    date = models.DateField(_("date"))
    slot = models.CharField(_("half-day"), max_length=2, choices=Slot.choices)
    locked = models.BooleanField(
        pgettext_lazy("shift", "locked"), default=False, help_text=_("The planner never moves a locked shift.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(CentreScoped)

    class Meta:
        ordering = ["date", "slot", "area__position", "pk"]
        constraints = [
            # One place at a time.
            models.UniqueConstraint(fields=["membership", "date", "slot"], name="shift_one_place_at_a_time")
        ]
        indexes = [models.Index(fields=["centre", "date"])]

    def __str__(self):
        return f"{self.date} {self.slot} {self.area_id}"


class ProposalStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Being computed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")


class Proposal(models.Model):
    """A roster the planner proposes for a period; nothing changes until someone publishes it."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # {"shifts": [...], "unmet": [...], "objective":, "bound":, "status":, "seconds":}
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    objects = centre_scoped(CentreScoped)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class RosterFeed(models.Model):
    """The secret address of an adviser's calendar feed (ICS); regenerating it kills the old one."""

    membership = models.OneToOneField("centres.Membership", on_delete=models.CASCADE, related_name="roster_feed")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)

    objects = centre_scoped(rule=lambda centre: Q(membership__centre=centre))

    def __str__(self):
        return f"feed {self.membership_id}"
