"""Library search relevance on the judged query set (bench/library_judged.py), against BM25, in one run.

    .venv/bin/python bench/library_relevance.py
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/library_relevance.py

Loads the judged resources into a throwaway database through the library's service (so they are indexed
as in production), runs every query through `search.search()` (first page of 10, as a member of the
Cité), and through BM25Okapi (rank-bm25) over the same texts (lower case, no accents, no stemming); prints
nDCG@10 per language of the query, on cross-lingual queries (every relevant resource in another language)
and overall, for the tuning and held-out thirds apart, with the queries that returned an empty page.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    gain = sum((2 ** grades.get(key, 0) - 1) / math.log2(position + 2) for position, key in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(ideal))
    return gain / best if best else 0.0


def main() -> int:
    tmp = tempfile.TemporaryDirectory(prefix="cm-bench-relevance-")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/relevance.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from rank_bm25 import BM25Okapi

    from bench.library_judged import QUERIES, RESOURCES
    from citemetiers.centres.models import Centre
    from citemetiers.library import search
    from citemetiers.library import services as library_services
    from citemetiers.library.analysis import WORD, plain
    from citemetiers.library.vocab import Kind, Licence, Visibility

    call_command("migrate", verbosity=0)
    from citemetiers.centres.tenancy import centre_scope

    centre = Centre.objects.create(name="Cité", slug="bench", country="FR", city="Ville", languages=["fr"])
    scope = centre_scope(centre)
    scope.__enter__()  # the whole run reads as a member of this Cité
    key_of: dict[int, str] = {}
    texts: dict[str, str] = {}
    for key, (language, title, summary, body) in RESOURCES.items():
        data = {"kind": Kind.PRACTICE_SHEET, "visibility": Visibility.NETWORK, "licence": Licence.CC_BY}
        translation = {"language": language, "title": title, "summary": summary, "body": body}
        resource = library_services.resource_create(centre=centre, data=data, translation=translation, actor=None)
        key_of[resource.pk] = key
        texts[key] = f"{title}\n{summary}\n{body}"

    def tokens(text):
        return WORD.findall(plain(text))

    keys = list(texts)
    bm25 = BM25Okapi([tokens(texts[key]) for key in keys])
    rows = []
    for index, (language, text, grades) in enumerate(QUERIES):
        results = search.search(search.SearchQuery(text=text), centre=centre, language=language, per_page=10)
        ranked = [key_of[hit.resource.pk] for hit in results.hits]
        values = bm25.get_scores(tokens(text))
        baseline = [keys[i] for i in sorted(range(len(keys)), key=lambda i: -values[i]) if values[i] > 0][:10]
        cross = all(RESOURCES[key][0] != language for key in grades)
        rows.append((index % 3 == 2, language, cross, ndcg(ranked, grades), ndcg(baseline, grades), text, ranked))

    print(f"# Library relevance, judged set ({len(RESOURCES)} resources, {len(QUERIES)} queries), {connection.vendor}")
    print("\n| part | group | queries | search nDCG@10 | BM25 nDCG@10 | ratio |\n|---|---|---|---|---|---|")
    for held, part in ((False, "tuning"), (True, "held out")):
        groups = [("all", lambda r: True)]
        groups += [(lang, lambda r, lang=lang: r[1] == lang) for lang in ("fr", "en", "es", "it", "de")]
        groups.append(("cross-lingual", lambda r: r[2]))
        for name, keep in groups:
            chosen = [r for r in rows if r[0] == held and keep(r)]
            if not chosen:
                continue
            ours = sum(r[3] for r in chosen) / len(chosen)
            base = sum(r[4] for r in chosen) / len(chosen)
            ratio = f"{ours / base:.2f}" if base else "∞"
            print(f"| {part} | {name} | {len(chosen)} | {ours:.3f} | {base:.3f} | {ratio} |")
    empty = [r[5] for r in rows if not r[6]]
    print(f"\nEmpty first pages: {len(empty)} of {len(rows)}" + (f": {', '.join(empty)}" if empty else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
