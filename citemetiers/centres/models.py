from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citemetiers.accounts.roles import Role
from citemetiers.core.choices import country_name, language_name
from citemetiers.core.tenancy import centre_scoped

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class LabelStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    LABELLED = "labelled", _("Labelled")
    SUSPENDED = "suspended", _("Label suspended")
    WITHDRAWN = "withdrawn", _("Label withdrawn")


class CentreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Centre(models.Model):
    """A Cité des métiers: the tenant every operational record belongs to."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens; used in the addresses of the Cité's pages."),
    )
    country = models.CharField(_("country"), max_length=2)
    # The region whose public holidays the Cité keeps besides the national ones (a code of the
    # `holidays` package: "57" for Moselle, "BY" for Bavaria, "GE" for Geneva), empty for none.
    subdivision = models.CharField(_("region for public holidays"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=120)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.JSONField(_("languages"), default=list)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    # {"0": [["09:00", "12:30"], ["13:30", "17:00"]], ...}: weekday (Monday = 0) to opening periods.
    opening_hours = models.JSONField(_("opening hours"), default=dict, blank=True)
    label_status = models.CharField(
        _("label status"), max_length=20, choices=LabelStatus.choices, default=LabelStatus.CANDIDATE
    )
    labelled_until = models.DateField(_("labelled until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Cité des métiers")
        verbose_name_plural = _("Cités des métiers")

    def __str__(self):
        return self.name

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    @property
    def main_language(self) -> str:
        return self.languages[0] if self.languages else settings.LANGUAGE_CODE

    def opening_periods(self, weekday: int) -> list[list[str]]:
        return self.opening_hours.get(str(weekday), [])

    @property
    def opening_hours_display(self) -> list[tuple[str, list[list[str]]]]:
        return [(label, self.opening_periods(day)) for day, label in WEEKDAYS]


class ClosureQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def overlapping(self, starts_on, ends_on):
        return self.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)


class Closure(models.Model):
    """Days a Cité closes besides the public holidays: a move, works, a staff day, the winter break."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="closures")
    starts_on = models.DateField(_("first day closed"))
    ends_on = models.DateField(_("last day closed"))
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(ClosureQuerySet)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="closure_ends_after_start"),
        ]
        indexes = [models.Index(fields=["centre", "starts_on"])]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self):
        return self.reason


class OrganisationKind(models.TextChoices):
    HOST = "host", _("Host body of the Cité")
    EMPLOYMENT_SERVICE = "employment_service", _("Public employment service")
    CHAMBER = "chamber", _("Chamber of commerce, trades or agriculture")
    TRAINING = "training", _("Training body")
    EDUCATION = "education", _("Education and guidance service")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Company or employers' body")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def active(self):
        return self.filter(is_active=True)


class Organisation(models.Model):
    """A partner organisation in a Cité's directory (or the Cité's own host body)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    # The organisation's public details, shown to a visitor it is recommended to (not personal data).
    address = models.TextField(_("address"), blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=300,
        blank=True,
        help_text=_("As the visitor should read them, for example: Monday to Friday, 9:00-12:30 and 13:30-17:00."),
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(OrganisationQuerySet)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="organisation_unique_name_per_centre"),
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class PartnershipQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(is_active=True, starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class Partnership(models.Model):
    """An agreement between a Cité and a partner organisation, for a period, with commitments."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    title = models.CharField(_("agreement"), max_length=200, help_text=_("For example: Agreement 2026-2028"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    adviser_hours_per_month = models.PositiveIntegerField(
        _("adviser hours per month"), default=0, help_text=_("Hours of advice the partner commits to each month.")
    )
    advice_areas = models.ManyToManyField(
        "reception.AdviceArea", verbose_name=_("advice areas covered"), blank=True, related_name="partnerships"
    )
    other_commitments = models.TextField(_("other commitments"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to end the agreement early; it stays in the history.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(PartnershipQuerySet)

    class Meta:
        ordering = ["-starts_on", "organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="partnership_ends_after_start",
            ),
        ]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.organisation} — {self.title}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.is_active and self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class MembershipQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def active(self):
        return self.filter(is_active=True, user__is_active=True, centre__is_active=True)

    def with_role(self, role: Role):
        # Roles are a JSON list; matching the quoted value works on SQLite and PostgreSQL alike.
        return self.filter(roles__icontains=f'"{role}"')


class Membership(models.Model):
    """A person's place in a Cité: their roles there and the organisation that employs them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("employer organisation"),
        null=True,
        blank=True,
    )
    roles = models.JSONField(_("roles"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(MembershipQuerySet)
    # The audit log names a role by its label (the JSON field has no choices of its own).
    audit_choices = {"roles": Role.choices}

    class Meta:
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "centre"], name="membership_unique_user_centre"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.centre}"

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in Role.values if role in self.roles]
