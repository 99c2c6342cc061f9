from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citemetiers.core.tenancy import centre_scoped


class AuditEntryQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class AuditEntry(models.Model):
    """One state change: who did what, when, on which object. Never visitor identity."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=80)
    target_type = models.CharField(_("object type"), max_length=80)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    objects = centre_scoped(AuditEntryQuerySet)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["centre", "-created_at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.action} {self.target_repr}"


class NotificationQuerySet(models.QuerySet):
    def for_member(self, membership):
        """What a member reads: the notes to their whole team and those to them alone."""
        return self.filter(centre=membership.centre).filter(models.Q(user=None) | models.Q(user=membership.user_id))


class Notification(models.Model):
    """A short note to a Cité's team, or to one of its members, about something that concerns them.

    Each reader reads it in their language (`text`); `message` holds it in the Cité's main language.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("message"), max_length=300)
    # The message id and its values, so that each reader reads the note in their own language;
    # `message` keeps the text in the Cité's language for the notes made before them.
    message_id = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    objects = centre_scoped(NotificationQuerySet)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["centre", "-created_at"])]

    def __str__(self):
        return self.message

    @property
    def text(self) -> str:
        """The note in the active language."""
        if not self.message_id:
            return self.message
        try:
            return (gettext(self.message_id) % self.params)[:300]
        except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder
            return self.message


class IdempotencyKey(models.Model):
    """A state-changing form already carried out, by the random key it was rendered with.

    A double click or a resent request brings the same key again: it is answered with the first
    answer (a redirect to `response_target`) instead of doing the thing twice. Kept a day at most.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    response_target = models.CharField(max_length=500, blank=True)

    objects = centre_scoped()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "key"], name="idempotencykey_unique_per_centre")]

    def __str__(self):
        return f"{self.centre_id} {self.key}"


class ScheduledRun(models.Model):
    """That a periodic task was enqueued for one period: the unique pair makes enqueueing idempotent."""

    name = models.CharField(max_length=80)
    period = models.CharField(max_length=40)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="scheduled_run_once_per_period")]

    def __str__(self):
        return f"{self.name} {self.period}"
