from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from citemetiers.core.tenancy import centre_scoped
from citemetiers.library.models import is_readable_by


class AdviceAreaQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def active(self):
        return self.filter(is_active=True)


class AdviceArea(models.Model):
    """An advice area (pôle) of a Cité, with its own queue; configurable per Cité."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="advice_areas")
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        pgettext_lazy("advice area", "ticket letter"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{1,2}$", _("Use one or two capital letters, for example A or CE."))],
        help_text=_("Printed before ticket numbers, for example A for A-014."),
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = centre_scoped(AdviceAreaQuerySet)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="advicearea_unique_code_per_centre"),
            models.UniqueConstraint(fields=["centre", "name"], name="advicearea_unique_name_per_centre"),
        ]
        verbose_name = _("advice area")
        verbose_name_plural = _("advice areas")

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    ONLINE = "online", _("Online")


class AgeBand(models.TextChoices):
    UNDER_18 = "u18", _("Under 18")
    FROM_18_TO_25 = "18_25", _("18 to 25")
    FROM_26_TO_44 = "26_44", _("26 to 44")
    FROM_45_TO_54 = "45_54", _("45 to 54")
    FROM_55 = "55p", _("55 and over")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other")
    NOT_STATED = "not_stated", _("Not stated")


class Situation(models.TextChoices):
    PUPIL_STUDENT = "student", _("Pupil or student")
    JOBSEEKER = "jobseeker", _("Jobseeker")
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    INACTIVE = "inactive", _("Inactive or retired")
    OTHER = "other", _("Other")


class EducationLevel(models.TextChoices):
    NONE = "none", _("No qualification")
    SECONDARY = "secondary", _("Secondary")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary (baccalauréat)")
    SHORT_HIGHER = "short_higher", _("Short higher education (up to 2 years)")
    HIGHER = "higher", _("Higher education (3 years or more)")


class Outcome(models.TextChoices):
    """Where reception sends a visitor: an advice area's queue, or another orientation (no ticket)."""

    QUEUE = "queue", _("Queue for an advice area")
    SELF_SERVICE = "self_service", _("Self-service documentation")
    WORKSHOP = "workshop", _("A workshop or an event")
    PARTNER = "partner", _("An outside partner")
    ANSWERED = "answered", _("Answered at the reception desk")


class VisitQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class Visit(models.Model):
    """One anonymous passage at the Cité: when, how, a coarse profile. Never who."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="visits")
    arrived_at = models.DateTimeField(_("arrival"), db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.WALK_IN)
    # Every profile field is optional: the visitor may answer nothing.
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    situation = models.CharField(_("situation"), max_length=16, choices=Situation.choices, blank=True)
    education_level = models.CharField(_("education level"), max_length=16, choices=EducationLevel.choices, blank=True)
    # Département or region code at most ("75", "FR-IDF", "CH-GE"): never a postcode or a town.
    residence_area = models.CharField(_("area of residence"), max_length=12, blank=True)
    first_need = models.ForeignKey(
        AdviceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("first need")
    )
    outcome = models.CharField(_("orientation"), max_length=16, choices=Outcome.choices, default=Outcome.QUEUE)
    outcome_organisation = models.ForeignKey(
        "centres.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    # The service of the territory's directory the visitor is sent to (the bare organisation above
    # stays for the visits recorded before the directory).
    outcome_service = models.ForeignKey(
        "territory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service of the territory"),
    )
    # The workshop session the visitor was oriented to, never the registration: a link to the code
    # would tie this visit's coarse profile to the code's page and its evaluation. Only the visitor
    # holds the code (printed on the slip).
    outcome_session = models.ForeignKey(
        "events.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workshop session"),
    )
    # Only the visitor holds the card's code; the platform cannot tell who carries it.
    card = models.ForeignKey(
        "reception.VisitorCard", on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )

    objects = centre_scoped(VisitQuerySet)

    class Meta:
        indexes = [models.Index(fields=["centre", "arrived_at"])]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return f"{self.centre_id}:{self.pk}"


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    IN_SERVICE = "in_service", _("In service")
    DONE = "done", _("Done")
    NO_SHOW = "no_show", _("Did not answer")
    CANCELLED = "cancelled", _("Cancelled")
    LEFT = "left", _("Left without being seen")


OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_SERVICE)


class TicketQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def waiting(self):
        return self.filter(status=TicketStatus.WAITING)


class Ticket(models.Model):
    """A place in an advice area's queue, numbered per area and day (A-014)."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="tickets")
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="tickets")
    area = models.ForeignKey(AdviceArea, on_delete=models.PROTECT, related_name="tickets")
    service_date = models.DateField(_("day"))
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.WAITING)
    created_at = models.DateTimeField(_("issued at"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    desk = models.CharField(_("desk"), max_length=40, blank=True)
    adviser = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("adviser")
    )
    call_count = models.PositiveSmallIntegerField(default=0)
    # The key of the visitor's live page: only the printed ticket carries it.
    secret = models.CharField(max_length=43, unique=True)

    objects = centre_scoped(TicketQuerySet)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "service_date", "number"], name="ticket_unique_number_per_area_day"
            ),
        ]
        indexes = [models.Index(fields=["centre", "area", "status", "created_at"])]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return f"{self.area.code}-{self.number:03d}"


class TicketCounter(models.Model):
    """The last number issued in an area on a day; its row lock makes numbers unique and gap-free."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(AdviceArea, on_delete=models.PROTECT, related_name="+")
    service_date = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    objects = centre_scoped()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "service_date"], name="ticketcounter_unique_area_day"),
        ]

    def __str__(self):
        return f"{self.area_id} {self.service_date}: {self.last_number}"


class TicketEvent(models.Model):
    """The transition log of a ticket: who moved it from which state to which, and when."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.PROTECT, related_name="events")
    transition = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()

    objects = centre_scoped()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["centre", "transition", "at"])]

    def __str__(self):
        return f"{self.ticket_id} {self.transition}: {self.from_status} → {self.to_status}"


class ThemeQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def active(self):
        return self.filter(is_active=True)


class Theme(models.Model):
    """A subject raised in interviews (CV, apprenticeship, funding…): a small taxonomy each Cité edits."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = centre_scoped(ThemeQuerySet)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["centre", "name"], name="theme_unique_name_per_centre")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class Orientation(models.TextChoices):
    PARTNER = "partner", _("A partner organisation")
    WORKSHOP = "workshop", _("A workshop or an event")
    RESOURCE = "resource", _("A resource or a document")
    OTHER_AREA = "other_area", _("Another advice area")
    NONE = "none", _("No further orientation")


class InterviewQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class Interview(models.Model):
    """What a visitor asked and what the adviser advised, recorded without any identity."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="interviews")
    ticket = models.OneToOneField(Ticket, on_delete=models.PROTECT, related_name="interview")
    area = models.ForeignKey(AdviceArea, on_delete=models.PROTECT, related_name="interviews")
    adviser = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("adviser"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="interviews", verbose_name=_("themes"))
    occupations = models.ManyToManyField(
        "referentials.Occupation", blank=True, related_name="interviews", verbose_name=_("occupations")
    )
    resources = models.ManyToManyField(
        "library.Resource", blank=True, related_name="+", verbose_name=_("library resources recommended")
    )
    # A list of Orientation values: one interview may send the visitor to several places.
    orientations = models.JSONField(_("orientation given"), default=list, blank=True)
    organisations = models.ManyToManyField(
        "centres.Organisation", blank=True, related_name="+", verbose_name=_("partner organisations recommended")
    )
    services = models.ManyToManyField(
        "territory.Service", blank=True, related_name="interviews", verbose_name=_("services recommended")
    )
    other_area = models.ForeignKey(
        AdviceArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("other advice area recommended"),
    )
    # Shown to the visitor on their ticket page: workshops, resources, links.
    recommendations = models.TextField(_("recommendations for the visitor"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    # For the team only, never shown to the visitor; erased after the Cité's retention period.
    notes = models.TextField(_("notes"), blank=True)
    notes_erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    satisfaction_comment = models.TextField(_("comment"), blank=True)
    satisfaction_at = models.DateTimeField(null=True, blank=True)

    objects = centre_scoped(InterviewQuerySet)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["centre", "created_at"])]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return f"{self.ticket_id}"

    def visible_resources(self) -> list:
        """The library resources recommended that a visitor may read: those shared with the whole network.

        The library's own rule (`is_readable_by`) with no Cité: a visitor is nobody's member.

        A resource private to a Cité is its team's own material, never shown to the public, even by its
        own Cité; and an author Cité may make a shared resource private after it was recommended: it is
        then no longer shown, here or on the visitor's card, and its visitor page answers 404.
        """
        return [r for r in self.resources.all() if is_readable_by(r, None)]


class VisitorCard(models.Model):
    """A code only the visitor keeps, linking their visits; the platform stores only its digest."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField()

    objects = centre_scoped()

    def __str__(self):
        return f"{self.centre_id}:{self.pk}"


class CardLookupFailure(models.Model):
    """A wrong card code typed from an address: counted to slow down guessing, kept a short while.
    `address` holds a keyed digest of the address (64 hex characters), never the address itself."""

    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.address} {self.at}"


class ReceptionSettings(models.Model):
    """The reception settings of a Cité: its screens' secret addresses and how long notes are kept."""

    centre = models.OneToOneField("centres.Centre", on_delete=models.CASCADE, related_name="reception_settings")
    display_key = models.CharField(max_length=43, unique=True)
    kiosk_key = models.CharField(max_length=43, unique=True)
    display_chime = models.BooleanField(_("chime on the waiting-room display"), default=True)
    # The kiosk's ticket page carries the visitor's secret (its QR code): it must not stay on a public
    # screen for the next person, but the visitor needs time to scan it or take the printed slip.
    kiosk_return_seconds = models.PositiveSmallIntegerField(
        _("kiosk returns to its start page after (seconds)"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(300)],
        help_text=_("How long the kiosk shows a new ticket and its QR code before it starts again."),
    )
    notes_retention_months = models.PositiveSmallIntegerField(
        _("keep interview notes for (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("After this period the notes are erased; themes, occupations and durations stay for statistics."),
    )

    objects = centre_scoped()

    class Meta:
        verbose_name = _("reception settings")

    def __str__(self):
        return f"{self.centre_id}"
