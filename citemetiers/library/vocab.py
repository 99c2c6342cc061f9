"""The network's shared vocabularies for describing resources: the same words in every Cité."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    METHODOLOGY = "methodology", _("Methodology")
    PRACTICE_SHEET = "practice_sheet", _("Practice sheet")
    TOOL = "tool", _("Tool")
    TRAINING = "training", _("Training material")
    VIDEO = "video", _("Video link")


class Visibility(models.TextChoices):
    NETWORK = "network", _("The whole network")
    CENTRE = "centre", _("Our Cité only")


class Audience(models.TextChoices):
    ADVISERS = "advisers", _("Advisers")
    RECEPTION = "reception", _("Reception agents")
    COORDINATORS = "coordinators", _("Coordinators")
    PARTNERS = "partners", _("Partner organisations")
    PUBLIC = "public", pgettext_lazy("audience", "Visitors")


class Theme(models.TextChoices):
    ORIENTATION = "orientation", _("Choosing an orientation")
    JOB_SEARCH = "job_search", _("Job search")
    CV = "cv", _("CV and applications")
    CAREER_CHANGE = "career_change", _("Career change")
    BUSINESS = "business", _("Creating a business")
    TRAINING = "training", _("Training and funding")
    VALIDATION = "validation", _("Validation of prior learning")
    INTERNATIONAL = "international", _("Working abroad")
    RECEPTION = "reception", _("Reception of the public")
    PARTNERSHIP = "partnership", _("Partnerships")
    EVALUATION = "evaluation", _("Evaluation and indicators")


class Area(models.TextChoices):
    """The six advice areas every Cité knows, whatever it calls its own."""

    ORIENTATION = "orientation", _("Choosing an orientation")
    EMPLOYMENT = "employment", _("Finding a job")
    CAREER = "career", _("Changing one's working life")
    BUSINESS = "business", _("Creating a business")
    TRAINING = "training", _("Training")
    INTERNATIONAL = "international", _("Working abroad")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    ETALAB = "etalab-2.0", _("Open licence (Etalab 2.0)")
    NETWORK = "network", _("Free use within the network")
    RESERVED = "reserved", _("All rights reserved")


# The languages a translation may be written in, with the stemmer each one uses for search.
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("de", _("German")),
    ("pt", _("Portuguese")),
    ("nl", _("Dutch")),
    ("ro", _("Romanian")),
    ("ca", _("Catalan")),
    ("ar", _("Arabic")),
]

FACETS = {"theme": Theme, "audience": Audience, "area": Area}
