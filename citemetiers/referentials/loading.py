"""Reading the shipped occupation files and upserting them, for the service and the data migration.

Kept apart from `services.py` and free of model imports because the migration must run it with
the historical models that `apps.get_model` hands it, not with today's classes.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMES = ("rome", "esco")
BATCH = 500
FILE_NAME = re.compile(r"^(?P<scheme>[a-z]+)(?:[_.-][\w.-]*)?\.csv(?:\.gz)?$")


def search_text(text: str) -> str:
    """Lower case, accents removed, punctuation turned into spaces: what labels are matched on."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


@dataclass(frozen=True)
class LabelRow:
    scheme: str
    code: str
    language: str
    label: str
    preferred: bool
    description: str


def data_files(path: Path | str | None = None) -> list[Path]:
    """The files to load: every `<scheme>….csv[.gz]` of a folder (the shipped one by default), or one file."""
    path = Path(path) if path is not None else DATA_DIR
    files = [path] if path.is_file() else sorted(p for p in path.iterdir() if FILE_NAME.match(p.name))
    for file in files:
        match = FILE_NAME.match(file.name)
        if not match or match["scheme"] not in SCHEMES:
            raise ValueError(f"{file.name}: the name must start with one of {', '.join(SCHEMES)}")
    return files


def read_rows(path: Path | str | None = None) -> list[LabelRow]:
    rows = []
    for file in data_files(path):
        scheme = FILE_NAME.match(file.name)["scheme"]
        raw = file.read_bytes()
        if file.suffix == ".gz":
            raw = gzip.decompress(raw)
        for record in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
            rows.append(
                LabelRow(
                    scheme=scheme,
                    code=record["code"].strip(),
                    language=record["language"].strip(),
                    label=" ".join(record["label"].split())[:300],
                    preferred=record["preferred"].strip() in ("1", "true", "True"),
                    description=record.get("description", "").strip(),
                )
            )
    return rows


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def upsert(occupation_model, label_model, rows: list[LabelRow]) -> dict:
    """Make the database hold exactly these occupations and labels, touching only what differs.

    Occupations of a loaded scheme that the files no longer list are deactivated, never deleted:
    interviews and resources keep pointing at them. The caller owns the transaction.
    """
    schemes = sorted({row.scheme for row in rows})
    wanted_codes = {(row.scheme, row.code) for row in rows}
    stats = defaultdict(int)

    existing = {
        (scheme, code): (pk, active)
        for pk, scheme, code, active in occupation_model.objects.filter(scheme__in=schemes).values_list(
            "pk", "scheme", "code", "is_active"
        )
    }
    missing = sorted(wanted_codes - existing.keys())
    occupation_model.objects.bulk_create(
        [occupation_model(scheme=scheme, code=code, is_active=True) for scheme, code in missing], batch_size=BATCH
    )
    stats["occupations_created"] = len(missing)
    reactivate = [pk for key, (pk, active) in existing.items() if key in wanted_codes and not active]
    deactivate = [pk for key, (pk, active) in existing.items() if key not in wanted_codes and active]
    for chunk in _chunks(reactivate):
        occupation_model.objects.filter(pk__in=chunk).update(is_active=True)
    for chunk in _chunks(deactivate):
        occupation_model.objects.filter(pk__in=chunk).update(is_active=False)
    stats["occupations_reactivated"], stats["occupations_deactivated"] = len(reactivate), len(deactivate)

    ids = {
        (scheme, code): pk
        for pk, scheme, code in occupation_model.objects.filter(scheme__in=schemes).values_list("pk", "scheme", "code")
    }
    wanted: dict[tuple, LabelRow] = {}
    for row in rows:
        # A label listed twice (as preferred and as alternative) counts once, as preferred.
        key = (ids[(row.scheme, row.code)], row.language, row.label)
        if key not in wanted or row.preferred:
            wanted[key] = row
    loaded_ids = {ids[key] for key in wanted_codes}
    current = {}
    for values in label_model.objects.filter(occupation__scheme__in=schemes).values_list(
        "pk", "occupation_id", "language", "label", "is_preferred", "description", "search_text"
    ):
        if values[1] in loaded_ids:
            current[(values[1], values[2], values[3])] = values

    to_create, to_update = [], []
    for key, row in wanted.items():
        fields = {"is_preferred": row.preferred, "description": row.description, "search_text": search_text(row.label)}
        if key not in current:
            to_create.append(label_model(occupation_id=key[0], language=row.language, label=row.label, **fields))
            continue
        pk, _, _, _, preferred, description, text = current[key]
        if (preferred, description, text) != (fields["is_preferred"], fields["description"], fields["search_text"]):
            to_update.append(label_model(pk=pk, **fields))
    to_delete = [values[0] for key, values in current.items() if key not in wanted]
    label_model.objects.bulk_create(to_create, batch_size=BATCH)
    label_model.objects.bulk_update(to_update, ["is_preferred", "description", "search_text"], batch_size=BATCH)
    for chunk in _chunks(to_delete):
        label_model.objects.filter(pk__in=chunk).delete()
    stats["labels_created"], stats["labels_updated"], stats["labels_deleted"] = (
        len(to_create),
        len(to_update),
        len(to_delete),
    )
    return dict(stats)
