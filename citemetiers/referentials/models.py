"""Occupation referentials shipped with the project: ROME (France Travail) and ESCO (European Commission).

They are shared by the whole network (no `centre_id`): the same occupation tags interviews
and library resources in every Cité, which is what lets a French query find an Italian
resource about the same occupation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    ROME = "rome", "ROME"
    ESCO = "esco", "ESCO"


class Occupation(models.Model):
    """One occupation of a referential: a ROME code (A1101) or an ESCO concept URI."""

    scheme = models.CharField(_("referential"), max_length=8, choices=Scheme.choices)
    # ROME: the five-character code; ESCO: the concept URI.
    code = models.CharField(_("code"), max_length=200)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="occupation_unique_code")]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self):
        return f"{self.get_scheme_display()} {self.code}"

    def label_in(self, language: str) -> str:
        """The preferred label in a language, else in French, else in English, else any."""
        labels = {label.language: label.label for label in self.labels.all() if label.is_preferred}
        for candidate in (language, "fr", "en"):
            if candidate in labels:
                return labels[candidate]
        return next(iter(labels.values()), self.code)


class OccupationLabel(models.Model):
    """A label of an occupation in one language: the preferred one or an alternative."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(_("language"), max_length=8)
    label = models.CharField(_("label"), max_length=300)
    is_preferred = models.BooleanField(default=False)
    # Lower-case, accents removed: what autocomplete matches against on every database.
    search_text = models.CharField(max_length=300, db_index=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["occupation", "language", "-is_preferred", "label"]
        indexes = [models.Index(fields=["language", "search_text"])]

    def __str__(self):
        return f"{self.language}: {self.label}"
