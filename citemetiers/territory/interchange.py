"""Import and export of the directory in the data·inclusion schema (JSON and CSV).

A data·inclusion extract is two tables, structures and services. An import validates every row with
the schema's own package (`data-inclusion-schema`), checks the opening hours with opening-hours-py
and the free texts with the personal-data guard, and reports every bad row with its line and field;
nothing is written until both files are clean. Rows are matched on (source, id): a re-import updates
what it imported before and never touches the Cité's own entries (source "local").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pydantic
from data_inclusion.schema import v1
from django.db import transaction
from django.utils.translation import gettext as _

from citemetiers.centres.perms import can_manage_partnerships
from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.core.personal_data import find_personal_data
from citemetiers.territory.hours import validate_opening_hours
from citemetiers.territory.models import Service, Structure

if TYPE_CHECKING:
    from collections.abc import Callable

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

JSON, CSV = "json", "csv"
# The schema's fields that hold lists: a CSV cell holds them as a JSON array or comma-separated codes.
LIST_FIELDS = {"thematiques", "publics", "modes_accueil", "zone_eligibilite", "modes_mobilisation",
               "mobilisable_par", "reseaux_porteurs"}  # fmt: skip
# Free texts a person wrote at the source: they pass the guard like any text typed here.
GUARDED_FIELDS = ("description", "frais_precisions", "publics_precisions", "conditions_acces",
                  "mobilisation_precisions")  # fmt: skip
STRUCTURE_FIELDS = list(v1.Structure.model_fields)
# A service's own contact (and a person's name) is never exported: it is its structure's.
_NOT_EXPORTED = {"telephone", "courriel", "contact_nom_prenom"}
SERVICE_FIELDS = [name for name in v1.Service.model_fields if name not in _NOT_EXPORTED]


@dataclass(frozen=True)
class RowError:
    table: str  # "structures" or "services"
    line: int  # the CSV line (header = 1) or the JSON record's number (first = 1)
    field: str
    message: str

    def __str__(self):
        return _("%(table)s, line %(line)s, %(field)s: %(message)s") % {
            "table": self.table, "line": self.line, "field": self.field or "—", "message": self.message,
        }  # fmt: skip


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0


class ImportRefused(DomainError):
    def __init__(self, errors: list[RowError]):
        super().__init__(_("The file has errors; nothing was imported."))
        self.errors = errors


def read_rows(content: bytes | str, fmt: str, *, table: str) -> list[tuple[int, dict]]:
    """The file's records with their line numbers, or ImportRefused when the file itself is unreadable."""
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    if fmt == JSON:
        try:
            records = json.loads(text) if text.strip() else []
        except ValueError as exc:
            raise ImportRefused([RowError(table, getattr(exc, "lineno", 1), "", _("This is not valid JSON."))]) from exc
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ImportRefused([RowError(table, 1, "", _("The file must be a JSON list of records."))])
        return list(enumerate(records, start=1))
    rows = []
    # Line 1 is the header; a record's line is where it starts.
    reader = csv.DictReader(io.StringIO(text))
    for number, row in enumerate(reader, start=2):
        rows.append((number, {key: _cell(key, value) for key, value in row.items() if key and value not in ("", None)}))
    return rows


def _cell(key: str, value: str):
    if key in LIST_FIELDS:
        value = value.strip()
        if value.startswith("["):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return [part.strip() for part in value.split(",") if part.strip()]
    if key in {"latitude", "longitude"}:
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _validate(model, table: str, line: int, record: dict, errors: list[RowError]):
    try:
        parsed = model.model_validate(record)
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"])
            errors.append(RowError(table, line, where, error["msg"][:200]))
        return None
    for name in GUARDED_FIELDS:
        text = getattr(parsed, name, None)
        findings = find_personal_data(text) if text else []
        if findings:
            labels = ", ".join(sorted({finding.label for finding in findings}))
            errors.append(RowError(table, line, name, _("looks like personal data (%(kinds)s).") % {"kinds": labels}))
    if parsed.horaires_accueil:
        try:
            validate_opening_hours(parsed.horaires_accueil)
        except Exception as exc:
            errors.append(RowError(table, line, "horaires_accueil", " ".join(getattr(exc, "messages", [str(exc)]))))
    return parsed


def _structure_values(parsed: v1.Structure) -> dict:
    return {
        "name": parsed.nom, "siret": parsed.siret or "", "description": parsed.description or "",
        "address": parsed.adresse or "", "address_complement": parsed.complement_adresse or "",
        "postcode": parsed.code_postal or "", "commune": parsed.commune or "", "commune_code": parsed.code_insee or "",
        "latitude": parsed.latitude, "longitude": parsed.longitude, "phone": parsed.telephone or "",
        "email": parsed.courriel or "", "website": str(parsed.site_web or ""),
        "source_link": str(parsed.lien_source or ""), "opening_hours": parsed.horaires_accueil or "",
        "updated_on": parsed.date_maj,
    }  # fmt: skip


def _codes(values) -> list[str]:
    return sorted(str(getattr(value, "value", value)) for value in values or [])


def _service_values(parsed: v1.Service) -> dict:
    return {
        "name": parsed.nom, "description": parsed.description or "",
        "type": parsed.type.value if parsed.type else "", "themes": _codes(parsed.thematiques),
        "fees": parsed.frais.value if parsed.frais else "", "fees_details": parsed.frais_precisions or "",
        "publics": _codes(parsed.publics), "publics_details": parsed.publics_precisions or "",
        "access_conditions": parsed.conditions_acces or "", "reception_modes": _codes(parsed.modes_accueil),
        "how_to_access": parsed.mobilisation_precisions or "", "access_link": str(parsed.lien_mobilisation or ""),
        "address": parsed.adresse or "", "address_complement": parsed.complement_adresse or "",
        "postcode": parsed.code_postal or "", "commune": parsed.commune or "", "commune_code": parsed.code_insee or "",
        "latitude": parsed.latitude, "longitude": parsed.longitude, "zone": list(parsed.zone_eligibilite or []),
        "opening_hours": parsed.horaires_accueil or "", "website": str(parsed.lien_source or ""),
        "updated_on": parsed.date_maj,
    }  # fmt: skip


def directory_import(
    *,
    centre: Centre,
    structures: bytes | str,
    services: bytes | str,
    fmt: str,
    actor: User | None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a data·inclusion extract into the Cité's directory, all of it or nothing.

    `progress(percent)` is told when the rows are validated, for a background job's page."""
    if actor is not None:
        # It rewrites the Cité's whole directory: those who keep the partners do it.
        membership_required(
            actor,
            centre.pk,
            can_manage_partnerships,
            _("Only coordinators and partnerships staff import the directory."),
        )
    errors: list[RowError] = []
    parsed_structures = []
    for line, record in read_rows(structures, fmt, table="structures"):
        parsed = _validate(v1.Structure, "structures", line, record, errors)
        if parsed is not None:
            parsed_structures.append(parsed)
    known = {(s.source, s.id) for s in parsed_structures}
    known |= set(Structure.objects.filter(centre=centre).exclude(source_id="").values_list("source", "source_id"))
    parsed_services = []
    for line, record in read_rows(services, fmt, table="services"):
        parsed = _validate(v1.Service, "services", line, record, errors)
        if parsed is None:
            continue
        if (parsed.source, parsed.structure_id) not in known:
            errors.append(RowError("services", line, "structure_id", _("No structure has this identifier.")))
            continue
        parsed_services.append(parsed)
    if errors:
        raise ImportRefused(errors)
    if progress is not None:
        progress(50)

    report = ImportReport()
    with transaction.atomic():
        structure_ids = {}
        for parsed in parsed_structures:
            structure, created = Structure.objects.update_or_create(
                centre=centre, source=parsed.source, source_id=parsed.id, defaults=_structure_values(parsed)
            )
            structure_ids[(parsed.source, parsed.id)] = structure.pk
            report.created += created
            report.updated += not created
        missing = {key for key in ((s.source, s.structure_id) for s in parsed_services) if key not in structure_ids}
        for structure in Structure.objects.filter(centre=centre, source__in={source for source, _id in missing}):
            structure_ids.setdefault((structure.source, structure.source_id), structure.pk)
        for parsed in parsed_services:
            _service, created = Service.objects.update_or_create(
                centre=centre,
                source=parsed.source,
                source_id=parsed.id,
                defaults={
                    **_service_values(parsed),
                    "structure_id": structure_ids[(parsed.source, parsed.structure_id)],
                },
            )
            report.created += created
            report.updated += not created
        audit_log(
            actor=actor,
            action="territory.directory_imported",
            target=centre,
            centre=centre,
            changes={"created": report.created, "updated": report.updated},
        )
    return report


def _structure_record(structure: Structure) -> dict:
    return {
        "source": structure.source, "id": structure.source_id or f"{structure.source}--{structure.pk}",
        "nom": structure.name, "date_maj": structure.updated_on.isoformat(),
        "description": structure.description or None,
        "lien_source": structure.source_link or None, "siret": structure.siret or None,
        "commune": structure.commune or None,
        "code_postal": structure.postcode or None, "code_insee": structure.commune_code or None,
        "adresse": structure.address or None, "complement_adresse": structure.address_complement or None,
        "longitude": structure.longitude, "latitude": structure.latitude, "telephone": structure.phone or None,
        "courriel": structure.email or None, "site_web": structure.website or None,
        "horaires_accueil": structure.opening_hours or None, "accessibilite_lieu": None, "reseaux_porteurs": None,
    }  # fmt: skip


def _service_record(service: Service) -> dict:
    structure = service.structure
    return {
        "source": service.source, "structure_id": structure.source_id or f"{structure.source}--{structure.pk}",
        "id": service.source_id or f"{service.source}--{service.pk}", "nom": service.name,
        "description": service.description, "lien_source": service.website or None,
        "date_maj": service.updated_on.isoformat(), "type": service.type or None, "thematiques": service.themes or None,
        "frais": service.fees or None, "frais_precisions": service.fees_details or None,
        "publics": service.publics or None,
        "publics_precisions": service.publics_details or None, "conditions_acces": service.access_conditions or None,
        "commune": service.commune or None, "code_postal": service.postcode or None,
        "code_insee": service.commune_code or None, "adresse": service.address or None,
        "complement_adresse": service.address_complement or None, "longitude": service.longitude,
        "latitude": service.latitude, "modes_accueil": service.reception_modes or None,
        "zone_eligibilite": service.zone or None, "lien_mobilisation": service.access_link or None,
        "mobilisation_precisions": service.how_to_access or None, "horaires_accueil": service.opening_hours or None,
    }  # fmt: skip


def directory_export(*, centre: Centre, fmt: str) -> tuple[str, str]:
    """The Cité's directory as (structures, services) files in the data·inclusion schema."""
    structures = [_structure_record(s) for s in Structure.objects.filter(centre=centre).order_by("pk")]
    services = [
        _service_record(s) for s in Service.objects.filter(centre=centre).select_related("structure").order_by("pk")
    ]
    if fmt == JSON:
        return (json.dumps(structures, ensure_ascii=False), json.dumps(services, ensure_ascii=False))
    return _to_csv(STRUCTURE_FIELDS, structures), _to_csv(SERVICE_FIELDS, services)


def _to_csv(fields: list[str], records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else _plain(value)
                for key, value in record.items()
            }
        )
    return out.getvalue()


def _plain(value):
    return "" if value is None else value
