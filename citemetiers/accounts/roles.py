"""Roles grant capabilities; they are not ranks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RECEPTION = "reception", _("Reception agent")
    ADVISER = "adviser", _("Adviser")
    LOGISTICS = "logistics", _("Logistics")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    COORDINATOR = "coordinator", _("Coordinator")


class NetworkRole(models.TextChoices):
    NETWORK_COORDINATOR = "network_coordinator", _("Network coordinator")
    LABEL_EVALUATOR = "label_evaluator", _("Label evaluator")
