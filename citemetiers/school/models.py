"""The network's school, edition after edition: call for contributions, reviews, programme, participants.

The school belongs to the network, not to one Cité: its tables name the host Cité and a contribution's
Cité (`host_centre`, `cite`) but are read in the network area's pages by every Cité's staff, so they
carry no `centre` of their own and no Cité-scoped manager.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Season(models.TextChoices):
    WINTER = "winter", _("Winter School")
    SPRING = "spring", _("Spring School")
    SUMMER = "summer", _("Summer School")
    AUTUMN = "autumn", _("Autumn School")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CALL_OPEN = "call_open", _("Call for contributions open")
    PROGRAMME_PUBLISHED = "programme_published", _("Programme published")
    HELD = "held", _("Held")
    ARCHIVED = "archived", _("Archived")


class Edition(models.Model):
    year = models.PositiveIntegerField(_("year"))
    season = models.CharField(_("season"), max_length=10, choices=Season.choices, default=Season.WINTER)
    host_centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="hosted_school_editions", verbose_name=_("host Cité")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=50, blank=True, default="fr,en")
    # Whether reviewers read a contribution without its Cité and author until the decisions.
    anonymised_review = models.BooleanField(_("anonymised review"), default=True)
    # Places per Cité; none is no quota.
    quota_per_cite = models.PositiveIntegerField(_("places per Cité"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="school_reviews_to_do", verbose_name=_("reviewers")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-starts_on", "pk"]
        verbose_name = _("school edition")
        verbose_name_plural = _("school editions")
        constraints = [
            models.UniqueConstraint(fields=["year", "season"], name="school_one_edition_per_season"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="school_ends_after"),
        ]

    def __str__(self):
        return f"{self.get_season_display()} {self.year}"

    @property
    def name(self) -> str:
        return str(self)


class EditionTransition(models.Model):
    """One change of an edition's status: who moved it, from what, to what, when."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=EditionStatus.choices)
    to_status = models.CharField(max_length=20, choices=EditionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.edition}: {self.from_status} → {self.to_status}"


class Track(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=120)
    # The committee assigns reviewers to tracks; a reviewer assigned to none reviews every track.
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="school_review_tracks", verbose_name=_("reviewers")
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="school_track_unique")]

    def __str__(self):
        return self.name


class CallForContributions(models.Model):
    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="call")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    text = models.TextField(_("call text"), blank=True)

    class Meta:
        verbose_name = _("call for contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="school_call_closes_after"
            )
        ]

    def __str__(self):
        return str(self.edition)


class ScoreCategory(models.Model):
    """A named criterion reviewers score from 0 to 5 (pretalx's score categories)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="score_categories")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class ContributionFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    TALK = "talk", _("Talk")
    PRACTICE = "practice", _("Practice sharing")
    PITCH = "pitch", _("Project pitch")


class ContributionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Contribution(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="contributions")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("track"))
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"))
    format = models.CharField(_("format"), max_length=10, choices=ContributionFormat.choices)
    # Staff are named: the author is a signed-in member of a Cité's staff, never a visitor.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="school_contributions",
        verbose_name=_("author"),
    )
    cite = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="school_contributions", verbose_name=_("Cité")
    )
    status = models.CharField(
        _("decision"), max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.SUBMITTED
    )
    decision_message = models.TextField(_("message to the authors"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return self.title


class CoAuthor(models.Model):
    """A member of a Cité's staff who signs a contribution beside its author, with their Cité; that Cité,
    as the author's, never reviews it."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="co_authors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cite = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cité"))

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["contribution", "user"], name="school_co_author_once")]

    def __str__(self):
        return f"{self.contribution} / {self.user}"


class Review(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="school_reviews")
    comment = models.TextField(_("comment"), blank=True)
    # A reviewer with a conflict of interest abstains: no score, the contribution leaves their queue.
    abstained = models.BooleanField(_("abstain"), default=False)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["contribution", "reviewer"], name="school_one_review_each")]

    def __str__(self):
        return f"{self.contribution} / {self.reviewer}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    category = models.ForeignKey(ScoreCategory, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "category"], name="school_one_score_each"),
            models.CheckConstraint(condition=models.Q(score__lte=5), name="school_score_at_most_5"),
        ]

    def __str__(self):
        return f"{self.category}: {self.score}"


class Slot(models.Model):
    """A place in the timetable: a day, a time, a room, and the accepted contribution held there."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="slots")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("start"))
    ends_at = models.TimeField(_("end"))
    room = models.CharField(_("room"), max_length=100)
    contribution = models.OneToOneField(
        Contribution, on_delete=models.CASCADE, related_name="slot", verbose_name=_("contribution")
    )
    # The edition's materials (slides, practice sheets) in the library, shared with the network.
    materials = models.ManyToManyField(
        "library.Resource", blank=True, related_name="school_slots", verbose_name=_("materials")
    )

    class Meta:
        ordering = ["day", "starts_at", "room", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="school_slot_ends_after"
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.starts_at} {self.room}"


class ParticipantStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Participant(models.Model):
    """A staff member registered to an edition with their Cité (the quota is counted per Cité)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="school_registrations")
    cite = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cité"))
    status = models.CharField(max_length=10, choices=ParticipantStatus.choices, default=ParticipantStatus.REGISTERED)
    attended = models.BooleanField(_("attended"), default=False)
    # Set by the service (not auto_now_add): a registration made again after a cancellation queues anew.
    registered_at = models.DateTimeField(default=timezone.now)
    # The sessions of the programme the participant picked: their personal agenda.
    agenda = models.ManyToManyField("Slot", blank=True, related_name="picked_by", verbose_name=_("agenda"))
    # The sessions the organisers saw the participant at (their agenda is what they meant to attend).
    attended_sessions = models.ManyToManyField(
        "Slot", blank=True, related_name="attended_by", verbose_name=_("sessions attended")
    )

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="school_register_once")]

    def __str__(self):
        return f"{self.edition} / {self.user}"


class SeededProject(models.Model):
    """A network project born at an edition, from one of its contributions or from the edition itself."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="seeded_projects")
    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="born_at_school")
    contribution = models.ForeignKey(
        Contribution, on_delete=models.SET_NULL, null=True, blank=True, related_name="seeded_projects"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return str(self.project)
