"""The territory's directory: structures and the services they offer, in the data·inclusion schema."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from citemetiers.core.background import JobStatus
from citemetiers.core.tenancy import centre_scoped
from citemetiers.territory.hours import validate_opening_hours

# A Cité's own entries carry this source; an import never touches them (it updates its own source).
LOCAL_SOURCE = "local"


class StructureQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class Structure(models.Model):
    """An organisation of the territory: a partner of the Cité or another one that serves the public.

    Its contact (phone, e-mail) is the STRUCTURE's public desk, never a person's.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="structures")
    # The Cité's partner organisation this structure is, where it is one.
    organisation = models.ForeignKey(
        "centres.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="structures",
        verbose_name=_("partner organisation"),
    )
    source = models.CharField(_("source"), max_length=100, default=LOCAL_SOURCE)
    source_id = models.CharField(_("identifier at the source"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=150)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_complement = models.CharField(_("address complement"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    commune = models.CharField(_("town"), max_length=100, blank=True)
    commune_code = models.CharField(_("commune code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True, max_length=500)
    source_link = models.URLField(_("link at the source"), blank=True, max_length=500)
    opening_hours = models.CharField(
        _("opening hours"), max_length=500, blank=True, validators=[validate_opening_hours]
    )
    updated_on = models.DateField(_("last update"))

    objects = centre_scoped(StructureQuerySet)

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "source", "source_id"],
                condition=~Q(source_id=""),
                name="territory_structure_unique_source_id",
            )
        ]
        # The search by place (selectors.py); PostgreSQL's trigram and GIN indexes are in migration 0007.
        indexes = [models.Index(Upper("commune"), name="territory_structure_commune")]

    def __str__(self):
        return self.name


class ServiceQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)

    def stale(self, today: dt.date) -> list[Service]:
        """The services not checked within their own frequency, oldest check first.

        A date plus a column of days is written differently by SQLite and PostgreSQL; the test is made
        on two small columns here, then the stale rows alone are read whole.
        """
        rows = self.values_list("pk", "updated_on", "update_frequency_days")
        stale = [pk for pk, on, days in rows if on + dt.timedelta(days=days) < today]
        return list(self.filter(pk__in=stale).select_related("structure").order_by("updated_on", "name", "pk"))


class Service(models.Model):
    """A service a structure offers: what, for whom, where, when, how to reach it.

    The schema's `telephone`, `courriel` and `contact_nom_prenom` of a service are not kept: a
    service's contact is its structure's, and a person's name is never stored.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="services")
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    source = models.CharField(_("source"), max_length=100, default=LOCAL_SOURCE)
    source_id = models.CharField(_("identifier at the source"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("service type"), max_length=40, blank=True)
    # Lists of the schema's vocabulary codes (territory/vocab.py), validated by the schema's package.
    themes = models.JSONField(_("themes"), default=list, blank=True)
    fees = models.CharField(_("fees"), max_length=20, blank=True)
    fees_details = models.TextField(_("fees in detail"), blank=True)
    publics = models.JSONField(_("publics"), default=list, blank=True)
    publics_details = models.TextField(_("publics in detail"), blank=True)
    access_conditions = models.TextField(_("conditions of access"), blank=True)
    reception_modes = models.JSONField(_("reception modes"), default=list, blank=True)
    how_to_access = models.TextField(_("how to access"), blank=True)
    access_link = models.URLField(_("link to access"), blank=True, max_length=500)
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_complement = models.CharField(_("address complement"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    commune = models.CharField(_("town"), max_length=100, blank=True)
    commune_code = models.CharField(_("commune code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # The zone served as geographic codes (commune, EPCI, département, région), as the schema writes them.
    zone = models.JSONField(_("zone served"), default=list, blank=True)
    opening_hours = models.CharField(
        _("opening hours"), max_length=500, blank=True, validators=[validate_opening_hours]
    )
    website = models.URLField(_("website"), blank=True, max_length=500)
    updated_on = models.DateField(_("last update"))
    # DORA's rule: a service not checked within its frequency is stale and its maintainer reminded.
    update_frequency_days = models.PositiveIntegerField(_("update frequency (days)"), default=180)
    maintainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("maintainer"),
    )
    # The last day its maintainer was reminded that it is stale (tasks.py: once a week at most).
    reminded_on = models.DateField(_("maintainer reminded on"), null=True, blank=True, editable=False)

    objects = centre_scoped(ServiceQuerySet)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "source", "source_id"],
                condition=~Q(source_id=""),
                name="territory_service_unique_source_id",
            )
        ]
        # The search by place (selectors.py); PostgreSQL's trigram and GIN indexes are in migration 0007.
        indexes = [
            models.Index(Upper("commune"), name="territory_service_commune"),
            models.Index(fields=["postcode"], name="territory_service_postcode"),
        ]

    def __str__(self):
        return self.name

    def is_stale(self, today: dt.date) -> bool:
        return self.updated_on + dt.timedelta(days=self.update_frequency_days) < today

    @property
    def hours(self) -> str:
        """The service's hours, or its structure's when it has none (the schema's rule)."""
        return self.opening_hours or self.structure.opening_hours


class DirectoryImportQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class DirectoryImport(models.Model):
    """A data·inclusion extract being imported in the background: the job's row (core/background.py).

    The files' text is kept in the row until the job ends, never as a stored file (none is public),
    then emptied: the counts and every bad line's error stay for the page.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="directory_imports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField()
    fmt = models.CharField(max_length=4)
    structures = models.TextField(blank=True)
    services = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    row_errors = models.JSONField(default=list, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)

    objects = centre_scoped(DirectoryImportQuerySet)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.centre_id} {self.requested_at:%Y-%m-%d %H:%M}"


class SavedSearchQuerySet(models.QuerySet):
    def for_centre(self, centre):
        return self.filter(centre=centre)


class SavedSearch(models.Model):
    """A staff member's search of the directory, kept so that new or changed services are told to them.

    `seen` is what the last look found ({service pk: its last update}): a service absent from it, or
    updated since, is new or changed. Its criteria are the search's, the text under the guard.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="saved_searches")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    criteria = models.JSONField(default=dict)
    seen = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(SavedSearchQuerySet)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class ZoneKind(models.TextChoices):
    COMMUNE = "commune", _("commune")
    EPCI = "epci", _("EPCI")
    DEPARTEMENT = "departement", _("département")
    REGION = "region", _("region")
    # A Cité's own areas (a canton of Geneva, a commune of Brussels, a district it names).
    LOCAL = "local", _("the Cité's own zone")


class Zone(models.Model):
    """An area of the Cité's territory, by its geographic code: the diagnostic's referential."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="zones")
    kind = models.CharField(_("kind"), max_length=12, choices=ZoneKind.choices)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=150)
    # Its outline, a GeoJSON Polygon or MultiPolygon in longitude/latitude, for the diagnostic's maps.
    shape = models.JSONField(_("shape"), null=True, blank=True)

    objects = centre_scoped(StructureQuerySet)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["kind", "code"]
        constraints = [models.UniqueConstraint(fields=["centre", "kind", "code"], name="territory_zone_unique_code")]

    def __str__(self):
        return self.name


class LabourIndicator(models.TextChoices):
    JOBSEEKERS = "jobseekers", _("jobseekers")
    OFFERS = "offers", _("job offers")
    RECRUITMENT_PROJECTS = "recruitment_projects", _("recruitment projects")


class LabourFigure(models.Model):
    """One labour-market figure of a zone (BMO, offers, jobseekers), with its source and date."""

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="labour_figures")
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="figures")
    indicator = models.CharField(_("indicator"), max_length=24, choices=LabourIndicator.choices)
    occupation_family = models.CharField(_("occupation family"), max_length=150, blank=True)
    period = models.CharField(_("period"), max_length=20)
    value = models.PositiveIntegerField(_("value"))
    source = models.CharField(_("source"), max_length=200)
    source_date = models.DateField(_("date of the source"))

    objects = centre_scoped(StructureQuerySet)

    class Meta:
        verbose_name = _("labour-market figure")
        verbose_name_plural = _("labour-market figures")
        ordering = ["zone", "indicator", "occupation_family", "period"]

    def __str__(self):
        return f"{self.zone} {self.indicator} {self.period}"


class DiagnosticImportKind(models.TextChoices):
    ZONES = "zones", _("Zones of the territory")
    FIGURES = "figures", _("Labour-market figures")
    SHAPES = "shapes", _("Shapes of the zones (GeoJSON)")


class DiagnosticImport(models.Model):
    """A zones or labour-figures file being imported in the background: the job's row (core/background.py).

    As for the directory's imports, the file's text stays in the row until the job ends, then is
    emptied; the count or every bad line's error stays for the page.
    """

    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="diagnostic_imports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField()
    kind = models.CharField(max_length=8, choices=DiagnosticImportKind.choices)
    text = models.TextField(blank=True)
    # The figures' source and its date (the zones have none).
    source = models.CharField(max_length=200, blank=True)
    source_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    row_errors = models.JSONField(default=list, blank=True)
    imported = models.PositiveIntegerField(default=0)

    objects = centre_scoped(DirectoryImportQuerySet)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.centre_id} {self.kind} {self.requested_at:%Y-%m-%d %H:%M}"
