"""The network library: resources shared between Cités, their versions, files and evaluations."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from citemetiers.core.files import RandomName
from citemetiers.core.tenancy import centre_scoped
from citemetiers.library.vocab import LANGUAGES, Kind, Licence, Visibility


def readable_by(centre, *, through: str = "") -> Q:
    """The library's visibility rule, written once: what a member of `centre` may read.

    The network's shared resources and their own Cité's. `centre` is None for whoever belongs to no
    Cité — network staff, a visitor —: they read the shared ones only. `through` is the path from
    another model to its resource ("resource__"). The manager's scope, `visible_to` and the search's
    SQL (`library.search`) are all built from this Q.
    """
    condition = Q(**{f"{through}visibility": Visibility.NETWORK})
    if centre is not None:
        condition |= Q(**{f"{through}centre": centre})
    return condition


def is_readable_by(resource, centre) -> bool:
    """`readable_by` on a resource already loaded (a prefetched list), without a query.

    Kept beside the Q, and held to it by tests/library/test_visibility_rule.py over every case.
    """
    centre_id = getattr(centre, "pk", centre)
    return resource.visibility == Visibility.NETWORK or (centre_id is not None and resource.centre_id == centre_id)


def _readable_through(path: str):
    """The scope of a model hanging off a resource (its evaluations): what the Cité may read of it."""
    return lambda centre: readable_by(centre, through=path)


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, centre):
        """What a member of `centre` may read (`readable_by`)."""
        return self.filter(readable_by(centre))

    def for_centre(self, centre):
        """The resources a Cité wrote, whatever their visibility."""
        return self.filter(centre=centre)


class Resource(models.Model):
    """A document, methodology, practice sheet, tool, training material or video of the network."""

    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.PROTECT, related_name="library_resources", verbose_name=_("author Cité")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.DOCUMENT)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY)
    occupations = models.ManyToManyField(
        "referentials.Occupation", blank=True, related_name="library_resources", verbose_name=_("occupations")
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="library_contributions", verbose_name=_("contributors")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Kept by citemetiers.library.search.facet_keys: "kind:tool", "theme:cv", "language:fr"…
    facet_keys = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Inside a Cité's scope, the manager itself applies the visibility rule: no query forgets it.
    objects = centre_scoped(ResourceQuerySet, rule=readable_by, network_readable=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-updated_at", "pk"]
        indexes = [models.Index(fields=["visibility", "centre"])]

    def __str__(self):
        translation = self.current_translation
        return translation.title if translation else f"#{self.pk}"

    @property
    def current_translation(self):
        """The translation in the language of the page being read, else the first one written."""
        return self.translation_in(get_language() or settings.LANGUAGE_CODE)

    def translation_in(self, language: str):
        """The translation in `language`, else the first one written."""
        translations = sorted(self.translations.all(), key=lambda t: t.pk or 0)
        for translation in translations:
            if translation.language == language:
                return translation
        return translations[0] if translations else None

    @property
    def languages(self) -> list[str]:
        return [t.language for t in sorted(self.translations.all(), key=lambda t: t.pk or 0)]

    def facet_values(self, name: str) -> list[str]:
        return sorted(f.value for f in self.facets.all() if f.name == name)


class ResourceTranslation(models.Model):
    """The text of a resource in one language; a practice sheet also fills its structured sections."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    context = models.TextField(_("context"), blank=True)
    public = models.TextField(_("public concerned"), blank=True)
    method = models.TextField(_("method"), blank=True)
    means = models.TextField(_("means"), blank=True)
    results = models.TextField(_("results"), blank=True)
    indicators = models.TextField(_("indicators"), blank=True)

    SHEET_FIELDS = ("context", "public", "method", "means", "results", "indicators")
    TEXT_FIELDS = ("title", "summary", "body", *SHEET_FIELDS)

    class Meta:
        verbose_name = _("translation")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["resource", "language"], name="translation_unique_language")]

    def __str__(self):
        return self.title


class ResourceFacet(models.Model):
    """One value of a shared vocabulary (theme, audience, advice area) a resource is described with."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "name", "value"], name="facet_unique_value")]
        indexes = [models.Index(fields=["name", "value"])]

    def __str__(self):
        return f"{self.name}={self.value}"


class ResourceVersion(models.Model):
    """What a resource said at one version, kept readable after it changes."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    change_note = models.CharField(_("what changed"), max_length=500, blank=True)
    snapshot = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["resource", "number"], name="version_unique_number")]

    def __str__(self):
        return f"v{self.number}"


_random_name = RandomName("library")


def _upload_to(instance, filename):
    # The stored name is ours, not the uploader's (kept in `name`), and random: see RandomName.
    # Files stored before under library/<centre>/<resource>/… stay where they are: they are found
    # through their ResourceFile row, never by their path.
    return _random_name(instance, filename)


class ResourceFile(models.Model):
    """A file of a resource, with the text read from it for search; an unreadable file is kept and flagged."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(default=0)
    checksum = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    text = models.TextField(blank=True)
    extraction_ok = models.BooleanField(default=True)
    extraction_error = models.CharField(max_length=300, blank=True)
    added_in_version = models.PositiveIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class ResourceLink(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.label or self.url


class SearchDocument(models.Model):
    """What search reads for one translation: analysed terms (SQLite FTS5) or a weighted tsvector (PostgreSQL).

    Built by citemetiers.library.search from the translation and the files in its language.
    """

    translation = models.OneToOneField(ResourceTranslation, on_delete=models.CASCADE, related_name="search_document")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8, db_index=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    document = SearchVectorField(null=True)

    def __str__(self):
        return f"{self.resource_id}/{self.language}"


class SearchWord(models.Model):
    """A word the library's texts hold (lower case, no accents), in a language whose compounds search splits.

    The vocabulary a compound is split against ("Berufsberatung" into "Beruf" and "Beratung", analysis.py):
    network-wide, like the terms of the index itself, and only ever added to; a word no text holds any more
    lets a compound be split into a part that finds nothing.
    """

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="library_searchword_unique")]

    def __str__(self):
        return f"{self.language}:{self.word}"


class Criterion(models.TextChoices):
    USEFULNESS = "usefulness", _("Usefulness")
    CLARITY = "clarity", _("Clarity")
    TRANSFERABILITY = "transferability", _("Transferability")


def _score_field(label):
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(5)])


class Evaluation(models.Model):
    """A peer's rating of a resource on the network's criteria, with an optional comment."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="evaluations")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    usefulness = _score_field(_("usefulness"))
    clarity = _score_field(_("clarity"))
    transferability = _score_field(_("transferability"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = centre_scoped(rule=_readable_through("resource__"), network_readable=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["resource", "author"], name="evaluation_one_per_author")]

    def __str__(self):
        return f"{self.resource_id}: {self.usefulness}/{self.clarity}/{self.transferability}"


class Reply(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="replies")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("reply"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(rule=_readable_through("evaluation__resource__"), network_readable=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class Adoption(models.Model):
    """A Cité took the resource up, and says how it went."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="adoptions")
    centre = models.ForeignKey("centres.Centre", on_delete=models.CASCADE, related_name="library_adoptions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    account = models.TextField(_("how it went"))
    adopted_on = models.DateField(_("adopted on"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = centre_scoped(rule=_readable_through("resource__"), network_readable=True)

    class Meta:
        ordering = ["-adopted_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["resource", "centre"], name="adoption_one_per_centre")]

    def __str__(self):
        return f"{self.resource_id} @ {self.centre_id}"
