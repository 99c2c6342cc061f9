"""Working groups of a Cité or of the network: meetings, agenda, attendance, minutes, decisions, polls."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citemetiers.core.tenancy import centre_scoped


class GroupScope(models.TextChoices):
    CENTRE = "centre", _("This Cité")
    NETWORK = "network", _("The network")


class Admission(models.TextChoices):
    OPEN = "open", _("Open to every member of the staff")
    INVITATION = "invitation", _("By invitation")


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


def group_visible_to(centre, *, through: str = "") -> Q:
    """The groups' visibility rule, written once: what a member of `centre` may read.

    Its own Cité's groups, every network group, and a group of another Cité that one of its staff was
    invited to: the invited member reads that group from their own Cité's pages, never entering the
    other Cité's, so that they see nothing else of it. `centre` None is the network area: its groups.
    """
    condition = Q(**{f"{through}scope": GroupScope.NETWORK})
    if centre is not None:
        condition |= Q(**{f"{through}centre": centre})
        # A subquery rather than a join, so that a group with several invited members is read once.
        condition |= Q(
            **{
                f"{through}pk__in": WorkingGroup.members.through.objects.filter(membership__centre=centre).values(
                    "workinggroup"
                )
            }
        )
    return condition


def _through(path: str):
    return lambda centre: group_visible_to(centre, through=path)


class WorkingGroupQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class WorkingGroup(models.Model):
    """A cross-organisation group with a mandate; its members are staff memberships of any Cité."""

    # The Cité that convenes the group (for a network group, the one that hosts it).
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="working_groups")
    title = models.CharField(_("title"), max_length=200)
    mandate = models.TextField(_("mandate"), blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=GroupScope.choices, default=GroupScope.CENTRE)
    admission = models.CharField(_("admission"), max_length=12, choices=Admission.choices, default=Admission.OPEN)
    status = models.CharField(_("status"), max_length=8, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)
    convenor = models.ForeignKey(
        "centres.Membership", on_delete=models.PROTECT, related_name="convened_groups", verbose_name=_("convenor")
    )
    # A member may belong to another Cité: invited, they see this group and nothing else of the Cité.
    members = models.ManyToManyField("centres.Membership", related_name="working_groups", verbose_name=_("members"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(WorkingGroupQuerySet, rule=group_visible_to, network_readable=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.title


class MeetingSeries(models.Model):
    """Meetings that repeat by a recurrence rule (RFC 5545 RRULE), with the days left out."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="series")
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    first_start = models.DateTimeField(_("first meeting"))
    exceptions = models.JSONField(_("days left out"), default=list, blank=True)

    objects = centre_scoped(rule=_through("group__"), network_readable=True)

    def __str__(self):
        return f"{self.group} — {self.rrule}"


class Meeting(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), blank=True)

    objects = centre_scoped(rule=_through("group__"), network_readable=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["group", "starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.group} — {self.starts_at:%Y-%m-%d}"


class AgendaItem(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField(_("title"), max_length=200)
    proposed_by = models.ForeignKey("centres.Membership", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)

    objects = centre_scoped(rule=_through("meeting__group__"), network_readable=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Presence(models.TextChoices):
    INVITED = "invited", _("Invited")
    ATTENDED = "attended", _("Attended")
    EXCUSED = "excused", _("Excused")


class Attendance(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("centres.Membership", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("attendance"), max_length=10, choices=Presence.choices, default=Presence.INVITED)

    objects = centre_scoped(rule=_through("meeting__group__"), network_readable=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member")]

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"


class MinutesState(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    CIRCULATED = "circulated", _("Circulated")
    APPROVED = "approved", _("Approved")
    FROZEN = "frozen", _("Frozen")


class Minutes(models.Model):
    """One version of a meeting's minutes; a correction is a new version with its reason."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    version = models.PositiveIntegerField(default=1)
    state = models.CharField(_("state"), max_length=10, choices=MinutesState.choices, default=MinutesState.DRAFTED)
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(rule=_through("meeting__group__"), network_readable=True)

    class Meta:
        ordering = ["meeting", "-version"]
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="minutes_unique_version")]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"{self.meeting} v{self.version}"


class Outcome(models.TextChoices):
    INFORMATION = "information", _("Information")
    DECISION = "decision", _("Decision")
    ACTION = "action", _("Action")
    PROJECT = "project", _("Starts a project")


class MinuteItem(models.Model):
    """What was said on one agenda item and what came out of it."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("minute"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.INFORMATION)
    task = models.ForeignKey("projects.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = centre_scoped(rule=_through("minutes__meeting__group__"), network_readable=True)

    class Meta:
        ordering = ["agenda_item__position", "pk"]

    def __str__(self):
        return f"{self.agenda_item} — {self.get_outcome_display()}"


class Decision(models.Model):
    """The decisions register: what was decided, when, why, by whom, and when to look at it again."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions")
    title = models.CharField(_("decision"), max_length=300)
    rationale = models.TextField(_("rationale"), blank=True)
    participants = models.ManyToManyField("centres.Membership", related_name="+", verbose_name=_("participants"))
    decided_on = models.DateField(_("decided on"))
    review_on = models.DateField(_("review date"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = centre_scoped(rule=_through("group__"), network_readable=True)

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.title


class PollKind(models.TextChoices):
    CONSENT = "consent", _("Consent")
    DATE = "date", _("Date")


class Poll(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="polls")
    kind = models.CharField(_("kind"), max_length=8, choices=PollKind.choices)
    question = models.CharField(_("question"), max_length=300)
    closes_at = models.DateTimeField(_("closes at"))
    closed = models.BooleanField(default=False)
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = centre_scoped(rule=_through("group__"), network_readable=True)

    def __str__(self):
        return self.question


class PollOption(models.Model):
    """A date proposed in a date poll."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField(_("date"))

    objects = centre_scoped(rule=_through("poll__group__"), network_readable=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.poll} — {self.starts_at:%Y-%m-%d %H:%M}"


class Answer(models.TextChoices):
    AGREE = "agree", _("Agree")
    ABSTAIN = "abstain", _("Abstain")
    OBJECT = "object", _("Object")


class Vote(models.Model):
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey("centres.Membership", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    options = models.ManyToManyField(PollOption, related_name="votes", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = centre_scoped(rule=_through("poll__group__"), network_readable=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "member"], name="vote_unique_member")]

    def __str__(self):
        return f"{self.poll} — {self.member}"


class MeetingFeed(models.Model):
    """A person's secret calendar address of meetings: of one group, or of all their groups (no group).

    A feed reader holds no session, so the token alone opens it; it belongs to a person, not to a Cité,
    and the meetings are read Cité by Cité in each of the person's own scopes.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_feeds")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="meeting_feed_unique_group"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(group__isnull=True), name="meeting_feed_unique_person"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.group or '*'}"
