from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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

    objects = AdviceAreaQuerySet.as_manager()

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
