"""Import of historical figures: time and peak memory of `history_import()` on hostile and legitimate files.

    .venv/bin/python bench/imports.py            # 1,000,000 rows for the large file (about a minute to build)
    .venv/bin/python bench/imports.py --rows 200000

Builds, with openpyxl's write-only mode, the files an upload may bring (the form accepts 2 MB at most):

1. `million`: the 160 kB XLSX that holds a million rows of `month, visits` (refused: it unpacks into
   far more than a sheet of monthly figures needs);
2. `over-rows`: an XLSX just under the unpacked-size limit, so that it is parsed, with many more rows
   than allowed (refused at the first row over the limit);
3. `at-limit`: the largest accepted file, MAX_ROWS rows of distinct (month, area) pairs since 1900 (imported);
4. `csv-over-rows`: a 2 MB CSV of short rows (refused at the first row over the limit).

Each is imported into a throwaway SQLite database through the product's `history_import()`: the wall
time is the median of 3 runs; the peak memory is measured apart, in one run under tracemalloc (Python
allocations, openpyxl's and lxml's included), with the process's maximum resident size for reference.
Prints a Markdown table, also written to bench/results/imports-<date>.md.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _month_rows(count: int):
    """`count` rows of distinct (month, area) pairs, newest first, from the last month of 2025 back to
    1900 (the earliest year a date may have) and over the six default areas: the most months the
    import can be asked to roll up at once."""
    months = 2025 * 12 + 12 - 1900 * 12
    for n in range(count):
        year, month = divmod(2025 * 12 + 11 - n % months, 12)
        yield [f"{year:04d}-{month + 1:02d}", "ABCDEF"[n // months], 120]


def build_files(million_rows: int) -> dict[str, tuple[str, bytes]]:
    from citemetiers.indicators import imports

    header = [["month", "visits"]]
    files = {
        "million": ("million.xlsx", _xlsx([*header, *(["2020-01", 1] for _ in range(million_rows))])),
        "at-limit": (
            "at-limit.xlsx",
            _xlsx([["month", "area", "visits"], *_month_rows(imports.MAX_ROWS)]),
        ),
    }
    # Rows of `2020-01, 1` unpack into about 105 bytes of sheet XML each: stay just under the limit.
    under_limit_rows = int(imports.MAX_XLSX_UNPACKED_BYTES * 0.9 / 105)
    files["over-rows"] = ("over-rows.xlsx", _xlsx([*header, *(["2020-01", 1] for _ in range(under_limit_rows))]))
    files["csv-over-rows"] = ("over-rows.csv", b"month,visits\n" + b"2020-01,1\n" * (2 * 1024 * 1024 // 10 - 2))
    return files


def _unpacked(content: bytes) -> int | None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the large XLSX")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="citemetiers-bench-imports-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/imports.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import translation

    from citemetiers.indicators.imports import history_import
    from tests.factories import CentreFactory, MembershipFactory

    call_command("migrate", verbosity=0)
    centre = CentreFactory(with_areas=True, slug="bench")
    actor = MembershipFactory(centre=centre, coordinator=True).user  # only a coordinator imports

    started = time.perf_counter()
    files = build_files(args.rows)
    print(f"files built in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    def run(name: str, content: bytes):
        # Rolled back: every run imports into the same empty history.
        with translation.override("en"), transaction.atomic():
            batch, errors = history_import(centre=centre, name=name, content=content, actor=actor)
            transaction.set_rollback(True)
        return batch, errors

    lines = [
        f"# Import of historical figures — {date.today().isoformat()}",
        "",
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        "SQLite; median of 3 runs; peak = tracemalloc peak of one run; RSS = process maximum after all runs.",
        "",
        "| file | upload | unpacked | outcome | time (s) | peak (MB) |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for key, (name, content) in files.items():
        times = []
        for _ in range(3):
            started = time.perf_counter()
            batch, errors = run(name, content)
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        run(name, content)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        outcome = f"imported {batch.rows} rows" if batch else f"refused: {errors[0].message}"
        unpacked = _unpacked(content)
        lines.append(
            f"| {key} | {len(content) / 1024:,.0f} kB | "
            f"{'—' if unpacked is None else f'{unpacked / 1024 / 1024:,.1f} MB'} | {outcome} | "
            f"{statistics.median(times):.2f} | {peak / 1024 / 1024:.1f} |"
        )
        print(lines[-1], file=sys.stderr)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines += ["", f"Process maximum resident size (Django, the built files and every run): {rss:.0f} MB.", ""]
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results" / f"imports-{date.today().isoformat()}.md"
    results.write_text(report)


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times through the test client still run in the tenancy middleware's scopes.
    with scopes_disabled():
        main()
