"""Writes of the directory typed here: structures and services of the Cité (imports: interchange.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError
from citemetiers.territory import perms
from citemetiers.territory.models import Service, Structure

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

STRUCTURE_FIELDS = ("organisation", "name", "siret", "description", "address", "address_complement", "postcode",
                    "commune", "commune_code", "latitude", "longitude", "phone", "email", "website",
                    "source_link", "opening_hours")  # fmt: skip
SERVICE_FIELDS = ("structure", "name", "description", "type", "themes", "fees", "fees_details", "publics",
                  "publics_details", "access_conditions", "reception_modes", "how_to_access", "access_link",
                  "address", "address_complement", "postcode", "commune", "commune_code", "latitude",
                  "longitude", "zone", "opening_hours", "website", "update_frequency_days",
                  "maintainer")  # fmt: skip


def _today(centre: Centre) -> dt.date:
    """The Cité's own day: a check at 00:30 in Geneva is that day's, not the day before in UTC."""
    return timezone.localdate(timezone=ZoneInfo(centre.time_zone))


def _refused() -> str:
    return _("Only coordinators and partnerships staff edit the directory.")


def _pick(data: Mapping[str, Any], fields: Iterable[str]) -> dict:
    return {field: data[field] for field in fields if field in data}


def _check_structure(centre: Centre, data: dict) -> None:
    structure = data.get("structure")
    if structure is not None and structure.centre_id != centre.pk:
        raise DomainError(_("Choose a structure of this Cité."), field="structure")


def structure_create(*, centre: Centre, data: Mapping[str, Any], actor: User) -> Structure:
    membership_required(actor, centre.pk, perms.can_edit_directory, _refused())
    values = _pick(data, STRUCTURE_FIELDS)
    with transaction.atomic():
        structure = Structure.objects.create(centre=centre, updated_on=_today(centre), **values)
        audit_log(actor=actor, action="territory.structure_created", target=structure, centre=centre,
                  changes={"name": structure.name})  # fmt: skip
    return structure


def structure_update(*, structure: Structure, data: Mapping[str, Any], actor: User) -> Structure:
    membership_required(actor, structure.centre_id, perms.can_edit_directory, _refused())
    values = _pick(data, STRUCTURE_FIELDS)
    with transaction.atomic():
        changes = diff_fields(structure, values)
        for field, value in values.items():
            setattr(structure, field, value)
        # Saving is checking: the entry is up to date as of today, even when nothing changed.
        structure.updated_on = _today(structure.centre)
        structure.save()
        audit_log(actor=actor, action="territory.structure_updated", target=structure, centre=structure.centre,
                  changes=changes)  # fmt: skip
    return structure


def service_create(*, centre: Centre, data: Mapping[str, Any], actor: User) -> Service:
    membership_required(actor, centre.pk, perms.can_edit_directory, _refused())
    values = _pick(data, SERVICE_FIELDS)
    _check_structure(centre, values)
    with transaction.atomic():
        service = Service.objects.create(centre=centre, updated_on=_today(centre), **values)
        audit_log(actor=actor, action="territory.service_created", target=service, centre=centre,
                  changes={"name": service.name})  # fmt: skip
    return service


def service_update(*, service: Service, data: Mapping[str, Any], actor: User) -> Service:
    membership_required(actor, service.centre_id, perms.can_edit_directory, _refused())
    values = _pick(data, SERVICE_FIELDS)
    _check_structure(service.centre, values)
    with transaction.atomic():
        changes = diff_fields(service, values)
        for field, value in values.items():
            setattr(service, field, value)
        # Saving is checking: the service is no longer stale, even when nothing changed.
        service.updated_on = _today(service.centre)
        service.save()
        audit_log(actor=actor, action="territory.service_updated", target=service, centre=service.centre,
                  changes=changes)  # fmt: skip
    return service
