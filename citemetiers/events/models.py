"""A Cité's events: types, recurring workshops, dated sessions, anonymous registrations, evaluations.

No registration carries who: a code the visitor keeps is the only link between them and their place.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citemetiers.core.tenancy import centre_scoped


class CentreQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class EventType(models.Model):
    """What kind of event the Cité runs (workshop, information session, job dating…), with its defaults."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="event_types")
    name = models.CharField(_("name"), max_length=100)
    default_duration = models.PositiveSmallIntegerField(_("default duration (minutes)"), default=120)
    default_capacity = models.PositiveSmallIntegerField(_("default capacity"), default=12)
    advice_area = models.ForeignKey(
        "reception.AdviceArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("advice area"),
    )

    objects = centre_scoped(CentreQuerySet)

    class Meta:
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Place(models.TextChoices):
    ROOM = "room", _("A room of the Cité")
    SERVICE = "service", _("A partner's address")
    ONLINE = "online", _("Online")


class EventFields(models.Model):
    """What a recurring workshop and each of its sessions both say (a session copies its template's)."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="+", verbose_name=_("type"))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=150, blank=True)
    place_kind = models.CharField(_("place"), max_length=10, choices=Place.choices, default=Place.ROOM)
    room = models.CharField(_("room"), max_length=100, blank=True)
    service = models.ForeignKey(
        "territory.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner's address"),
    )
    online_link = models.URLField(_("online link"), blank=True, max_length=500)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    accessibility = models.TextField(_("accessibility notes"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class EventTemplate(EventFields):
    """A recurring workshop: its rule (RRULE) generates the sessions, each editable or cancelled on its own."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="event_templates")
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    first_start = models.DateTimeField(_("first session"))
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"))

    objects = centre_scoped(CentreQuerySet)

    class Meta:
        verbose_name = _("recurring workshop")
        verbose_name_plural = _("recurring workshops")
        ordering = ["title"]


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SessionQuerySet(CentreQuerySet):
    def scheduled(self):
        return self.filter(status=SessionStatus.SCHEDULED)


class Session(EventFields):
    """One dated event: a one-off or a recurring workshop's session."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="event_sessions")
    template = models.ForeignKey(
        EventTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("start"), db_index=True)
    ends_at = models.DateTimeField(_("end"))
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    themes = models.ManyToManyField("reception.Theme", blank=True, related_name="+", verbose_name=_("themes"))
    occupations = models.ManyToManyField(
        "referentials.Occupation", blank=True, related_name="+", verbose_name=_("occupations")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("facilitators")
    )
    partner_organisations = models.ManyToManyField(
        "centres.Organisation", blank=True, related_name="+", verbose_name=_("partner organisations")
    )
    # People who came without registering, counted at the door.
    walk_ins = models.PositiveSmallIntegerField(_("walk-in attendees"), default=0)

    objects = centre_scoped(SessionQuerySet)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    @property
    def duration(self) -> timedelta:
        return self.ends_at - self.starts_at


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    ATTENDED = "attended", _("Attended")
    CANCELLED = "cancelled", _("Cancelled")


# The states that hold a place in the session.
HOLDING = (RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED)


class Registration(models.Model):
    """A place (or several, for a group) held by a code; never a name, an address or a phone."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="event_registrations")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    # Typed at the door and on the slip: short, from an alphabet without look-alikes.
    code = models.CharField(_("registration code"), max_length=12)
    # The address of the code's page (its QR code): long enough not to be guessed.
    secret = models.CharField(max_length=43, unique=True)
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    # Order on the waiting list; the first waiting registration is promoted when a place frees.
    created_at = models.DateTimeField(_("registered at"))
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_centre = models.BooleanField(default=False)

    objects = centre_scoped(CentreQuerySet)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="events_registration_unique_code"),
        ]

    def __str__(self):
        return self.code


class Evaluation(models.Model):
    """A visitor's anonymous satisfaction after a session: a score and, maybe, a comment."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="event_evaluations")
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="evaluation")
    score = models.PositiveSmallIntegerField(_("satisfaction"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(CentreQuerySet)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return f"{self.registration} ({self.score}/5)"
