"""Library search relevance on the demo library, with queries written apart from the thesaurus.

    .venv/bin/python bench/library_relevance_demo.py
    .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/library_relevance_demo.py

Seeds the demo network (`seed_demo()`, so the library is the one `make demo` shows, indexed by the
library's own services) into a throwaway database, then runs every query of
`bench/library_judged_demo.py` through `search.search()` (first page of 10, as a member of the Cité that
can read every demo resource) and through BM25Okapi (rank-bm25) over the same texts (every translation's
title, summary, text and practice-sheet sections; lower case, no accents, no stemming). Prints recall@10
and nDCG@10 per language of the query, on cross-lingual queries (no relevant resource written in the
query's language) and overall, with the queries that returned an empty page.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from bench.library_relevance import ndcg  # noqa: E402

LANGUAGES = ("fr", "en", "es", "it", "de", "nl", "pt")
FIELDS = ("title", "summary", "body", "context", "public", "method", "means", "results", "indicators")


def recall(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    relevant = {key for key, grade in grades.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def main() -> int:
    tmp = tempfile.TemporaryDirectory(prefix="cm-bench-relevance-demo-")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/relevance.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled
    from rank_bm25 import BM25Okapi

    from bench.library_judged_demo import QUERIES, resource_key
    from citemetiers.centres.tenancy import centre_scope
    from citemetiers.demo.network import seed_demo
    from citemetiers.library import search
    from citemetiers.library.analysis import WORD, plain
    from citemetiers.library.models import Resource
    from citemetiers.library.vocab import Visibility

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        seed_demo()
        resources = list(Resource.objects.prefetch_related("translations").select_related("centre"))
        # The Cité whose members read every demo resource: the author of the one private to its Cité.
        private = [r for r in resources if r.visibility == Visibility.CENTRE]
        centre = private[0].centre if private else resources[0].centre
        readable = [r for r in resources if r.visibility != Visibility.CENTRE or r.centre_id == centre.pk]
        key_of = {r.pk: resource_key(r) for r in readable}
        texts = {r.pk: "\n".join(getattr(t, field) for t in r.translations.all() for field in FIELDS) for r in readable}
        written_in = {r.pk: {t.language for t in r.translations.all()} for r in readable}
    scope = centre_scope(centre)
    scope.__enter__()  # the whole run reads as a member of this Cité

    def tokens(text):
        return WORD.findall(plain(text))

    pks = list(texts)
    bm25 = BM25Okapi([tokens(texts[pk]) for pk in pks])
    interface = {code for code, _name in settings.LANGUAGES}
    rows = []
    for language, text, judged in QUERIES:
        # A grade is the resource's, whichever Cité shares it (a workshop sheet is shared by every Cité).
        grades = {pk: judged[key_of[pk]] for pk in pks if key_of[pk] in judged}
        reader = language if language in interface else "en"
        results = search.search(search.SearchQuery(text=text), centre=centre, language=reader, per_page=10)
        ranked = [hit.resource.pk for hit in results.hits]
        values = bm25.get_scores(tokens(text))
        baseline = [pks[i] for i in sorted(range(len(pks)), key=lambda i: -values[i]) if values[i] > 0][:10]
        cross = not any(language in written_in[pk] for pk, grade in grades.items() if grade)
        ours, base = (recall(ranked, grades), ndcg(ranked, grades)), (recall(baseline, grades), ndcg(baseline, grades))
        rows.append((language, cross, ours[0], ours[1], base[0], base[1], text, ranked, baseline))

    print(f"# Library relevance, demo library ({len(readable)} resources, {len(QUERIES)} queries), {connection.vendor}")
    print("\n| group | queries | search R@10 | BM25 R@10 | search nDCG@10 | BM25 nDCG@10 | ratio |")
    print("|---|---|---|---|---|---|---|")
    groups = [("all", lambda r: True)]
    groups += [(lang, lambda r, lang=lang: r[0] == lang) for lang in LANGUAGES]
    groups.append(("cross-lingual", lambda r: r[1]))
    for name, keep in groups:
        chosen = [r for r in rows if keep(r)]
        if not chosen:
            continue
        mean = [sum(r[i] for r in chosen) / len(chosen) for i in (2, 4, 3, 5)]  # R@10 ×2, nDCG@10 ×2
        ratio = f"{mean[2] / mean[3]:.2f}" if mean[3] else "∞"
        print(f"| {name} | {len(chosen)} | {mean[0]:.3f} | {mean[1]:.3f} | {mean[2]:.3f} | {mean[3]:.3f} | {ratio} |")
    empty = [r[6] for r in rows if not r[7]]
    print(f"\nEmpty first pages (search): {len(empty)} of {len(rows)}" + (f": {'; '.join(empty)}" if empty else ""))
    empty = [r[6] for r in rows if not r[8]]
    print(f"Empty first pages (BM25): {len(empty)} of {len(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
