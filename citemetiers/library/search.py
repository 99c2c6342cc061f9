"""Full-text search of the library, behind one interface with two backends.

- SQLite: FTS5 over terms analysed in Python (citemetiers.library.analysis), ranked by BM25.
- PostgreSQL: a weighted tsvector per translation in its language's configuration, GIN-indexed,
  ranked by ts_rank_cd.

Both index one SearchDocument per translation and answer the same `search()`: direct matches first,
then resources reached only through an occupation whose label (in any language) matches the query,
filtered by facets, with facet counts and highlighted snippets computed the same way for both.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import reduce
from operator import and_
from typing import Protocol

from django.db import connection
from django.db.models import Q
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from citemetiers.library.analysis import WORD, pg_config, plain, stem, terms
from citemetiers.library.models import Resource, ResourceTranslation, SearchDocument
from citemetiers.library.vocab import Visibility
from citemetiers.referentials.models import OccupationLabel
from citemetiers.referentials.selectors import search_text

# PostgreSQL refuses a tsvector over 1 MB; a resource's first 200,000 characters say what it is about.
MAX_INDEXED_CHARS = 200_000
# How many occupations a query may reach for cross-lingual hits; beyond, the query is too vague.
MAX_QUERY_OCCUPATIONS = 5
OCCUPATION_SCORE = 0.5  # direct matches score in [1, 2): a hit through an occupation ranks below them
FACET_NAMES = ("kind", "language", "theme", "audience", "area", "occupation", "centre")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    occupations: tuple[int, ...] = ()
    centres: tuple[int, ...] = ()


@dataclass
class Hit:
    resource: Resource
    score: float
    language: str = ""
    snippet: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def through_occupation(self) -> bool:
        return self.score < 1

    @property
    def translation(self):
        return self.resource.translation_in(self.language)


@dataclass
class Results:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    occupation_ids: list[int]


class Backend(Protocol):
    vendor: str

    def document_values(self, translation: ResourceTranslation, title: str, summary: str, rest: str) -> dict: ...

    def store(self, document: SearchDocument, title: str, summary: str, rest: str) -> None: ...

    def hits_sql(self, text: str, languages: list[str]) -> tuple[str, list] | None:
        """SQL selecting (resource_id, score) of the translations matching `text`, score ≥ 0, higher better."""


class SQLiteBackend:
    vendor = "sqlite"

    def document_values(self, translation, title, summary, rest):
        language = translation.language
        return {
            "title_terms": " ".join(terms(title, language)),
            "body_terms": " ".join(terms(f"{summary}\n{rest}", language)),
            "document": None,
        }

    def store(self, document, title, summary, rest):
        pass  # the triggers of migration 0002 copy the terms into the FTS5 index

    def hits_sql(self, text, languages):
        # Languages whose stemmer reads the query the same way share one MATCH.
        groups: dict[str, list[str]] = {}
        for language in languages:
            query_terms = list(dict.fromkeys(terms(text, language)))
            if query_terms:
                # Any word may match; BM25 ranks first what holds the most of them, the rarest first.
                expression = " OR ".join(f'"{term}"' for term in query_terms)
                groups.setdefault(expression, []).append(language)
        if not groups:
            return None
        parts, params = [], []
        for expression, group in groups.items():
            placeholders = ", ".join(["%s"] * len(group))
            # LIMIT -1 keeps SQLite from flattening the subquery (bm25() only runs next to its MATCH),
            # and CROSS JOIN keeps the full-text matches as the outer loop: the other way round,
            # SQLite would run the MATCH once for every document of the language.
            parts.append(
                "SELECT d.resource_id AS resource_id, f.score AS score FROM ("
                "SELECT rowid AS id, -bm25(library_fts, 4.0, 1.0) AS score FROM library_fts "
                "WHERE library_fts MATCH %s LIMIT -1) f "
                f"CROSS JOIN library_searchdocument d ON d.id = f.id WHERE d.language IN ({placeholders})"
            )
            params += [expression, *group]
        return " UNION ALL ".join(parts), params


class PostgreSQLBackend:
    vendor = "postgresql"

    def document_values(self, translation, title, summary, rest):
        return {"title_terms": "", "body_terms": "", "document": None}

    def store(self, document, title, summary, rest):
        config = pg_config(document.language)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE library_searchdocument SET document = "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'B') || "
                "setweight(to_tsvector(%s::regconfig, %s), 'C') WHERE id = %s",
                [config, plain(title), config, plain(summary), config, plain(rest), document.pk],
            )

    def hits_sql(self, text, languages):
        query = plain(text)
        if not WORD.search(query):
            return None
        parts, params = [], []
        for language in languages:
            # Any word may match, as on SQLite: the query's lexemes joined by "or". Normalisation
            # 1 | 32: long texts weigh less (1 + log of their length), and rank / (rank + 1) in [0, 1).
            parts.append(
                "SELECT d.resource_id AS resource_id, ts_rank(d.document, q, 33) AS score "
                "FROM library_searchdocument d, "
                "CAST(replace(CAST(plainto_tsquery(%s::regconfig, %s) AS text), ' & ', ' | ') AS tsquery) q "
                "WHERE d.language = %s AND d.document @@ q"
            )
            params += [pg_config(language), query, language]
        return " UNION ALL ".join(parts), params


def backend() -> Backend:
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()


# -- Indexing -------------------------------------------------------------------------------------


def translation_index(translation: ResourceTranslation) -> SearchDocument:
    """(Re)build the search document of one translation, with the text of the files in its language."""
    files_text = "\n".join(
        file.text for file in translation.resource.files.all() if file.language == translation.language and file.text
    )
    sections = "\n".join(getattr(translation, name) for name in ("body", *ResourceTranslation.SHEET_FIELDS))
    rest = f"{sections}\n{files_text}"[:MAX_INDEXED_CHARS]
    chosen = backend()
    values = chosen.document_values(translation, translation.title, translation.summary, rest)
    document, _ = SearchDocument.objects.update_or_create(
        translation=translation,
        defaults={"resource_id": translation.resource_id, "language": translation.language, **values},
    )
    chosen.store(document, translation.title, translation.summary, rest)
    _languages["value"] = None
    return document


def resource_index(resource: Resource) -> None:
    """Rebuild the search documents of every translation of a resource; drop those of removed ones."""
    translations = list(resource.translations.all())
    SearchDocument.objects.filter(resource=resource).exclude(translation__in=translations).delete()
    for translation in translations:
        translation_index(translation)


# -- Searching ------------------------------------------------------------------------------------


# The languages present in the index change rarely: read once a minute rather than at every query.
# A process that indexes a translation forgets the list at once; others within the minute.
LANGUAGES_TTL = 60.0
_languages: dict[str, object] = {"value": None, "until": 0.0}


def _indexed_languages() -> list[str]:
    now = time.monotonic()
    if _languages["value"] is None or now > _languages["until"]:
        _languages["value"] = sorted(SearchDocument.objects.values_list("language", flat=True).distinct())
        _languages["until"] = now + LANGUAGES_TTL
    return _languages["value"]


def _matched_sql(query: SearchQuery, *, centre, occupation_ids: list[int]) -> tuple[str, list] | None:
    """A CTE list ending in `matched(resource_id, score)`: what the reader may see, filtered, scored."""
    params: list = []
    if query.text.strip():
        direct = backend().hits_sql(query.text, _indexed_languages())
        unions = []
        if direct:
            unions.append(f"SELECT resource_id, 1 + score / (1 + score) AS score FROM ({direct[0]}) direct")
            params += direct[1]
        if occupation_ids:
            placeholders = ", ".join(["%s"] * len(occupation_ids))
            unions.append(
                f"SELECT resource_id, {OCCUPATION_SCORE} AS score FROM library_resource_occupations "
                f"WHERE occupation_id IN ({placeholders})"
            )
            params += occupation_ids
        if not unions:
            return None
        hits = f"SELECT resource_id, MAX(score) AS score FROM ({' UNION ALL '.join(unions)}) u GROUP BY resource_id"
    else:
        hits = "SELECT id AS resource_id, 0 AS score FROM library_resource"

    conditions = ["(r.visibility = %s" + (" OR r.centre_id = %s)" if centre is not None else ")")]
    params.append(Visibility.NETWORK.value)
    if centre is not None:
        params.append(centre.pk)

    def among(column, values):
        conditions.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    if query.kinds:
        among("r.kind", list(query.kinds))
    if query.centres:
        among("r.centre_id", list(query.centres))
    for name, values in (("theme", query.themes), ("audience", query.audiences), ("area", query.areas)):
        if values:
            conditions.append(
                "EXISTS (SELECT 1 FROM library_resourcefacet f WHERE f.resource_id = r.id AND f.name = %s "
                f"AND f.value IN ({', '.join(['%s'] * len(values))}))"
            )
            params += [name, *values]
    if query.languages:
        conditions.append(
            "EXISTS (SELECT 1 FROM library_resourcetranslation t WHERE t.resource_id = r.id "
            f"AND t.language IN ({', '.join(['%s'] * len(query.languages))}))"
        )
        params += list(query.languages)
    for occupation in query.occupations:
        conditions.append(
            "EXISTS (SELECT 1 FROM library_resource_occupations o WHERE o.resource_id = r.id AND o.occupation_id = %s)"
        )
        params.append(occupation)
    sql = (
        f"WITH hits AS ({hits}), matched AS (SELECT h.resource_id, h.score, r.updated_at FROM hits h "
        f"JOIN library_resource r ON r.id = h.resource_id WHERE {' AND '.join(conditions)})"
    )
    return sql, params


FACETS_SQL = """
SELECT 'kind', r.kind, COUNT(*) FROM matched m JOIN library_resource r ON r.id = m.resource_id GROUP BY r.kind
UNION ALL
SELECT 'centre', CAST(r.centre_id AS VARCHAR(20)), COUNT(*)
    FROM matched m JOIN library_resource r ON r.id = m.resource_id GROUP BY r.centre_id
UNION ALL
SELECT f.name, f.value, COUNT(*)
    FROM matched m JOIN library_resourcefacet f ON f.resource_id = m.resource_id GROUP BY f.name, f.value
UNION ALL
SELECT 'language', t.language, COUNT(*)
    FROM matched m JOIN library_resourcetranslation t ON t.resource_id = m.resource_id GROUP BY t.language
UNION ALL
SELECT 'occupation', CAST(o.occupation_id AS VARCHAR(20)), COUNT(*)
    FROM matched m JOIN library_resource_occupations o ON o.resource_id = m.resource_id GROUP BY o.occupation_id
"""


def query_occupations(text: str) -> list[int]:
    """Occupations with a label, in any language, in which every word of the query starts a word.

    Words shorter than three letters are left out; a query that reaches too many occupations is too
    vague to say which ones it means, and reaches none.
    """
    words = [word for word in search_text(text).split() if len(word) >= 3]
    if not words:
        return []
    condition = reduce(and_, (Q(search_text__startswith=word) | Q(search_text__contains=f" {word}") for word in words))
    ids = list(
        OccupationLabel.objects.filter(condition, occupation__is_active=True)
        .values_list("occupation_id", flat=True)
        .distinct()[: MAX_QUERY_OCCUPATIONS + 1]
    )
    return ids if len(ids) <= MAX_QUERY_OCCUPATIONS else []


def search(query: SearchQuery, *, centre, language: str, page: int = 1, per_page: int = 20) -> Results:
    """The resources `centre`'s members may read that match `query`, best first, one page of them.

    `centre` is None for network staff outside any Cité. `language` is the reader's: it chooses which
    translation a hit shows when several match.
    """
    occupation_ids = query_occupations(query.text)
    matched = _matched_sql(query, centre=centre, occupation_ids=occupation_ids)
    if matched is None:
        return Results([], 0, {name: [] for name in FACET_NAMES}, occupation_ids)
    cte, params = matched
    offset = max(page - 1, 0) * per_page
    with connection.cursor() as cursor:
        cursor.execute(
            f"{cte} SELECT resource_id, score, COUNT(*) OVER () FROM matched "
            "ORDER BY score DESC, updated_at DESC, resource_id LIMIT %s OFFSET %s",
            [*params, per_page, offset],
        )
        rows = cursor.fetchall()
        cursor.execute(f"{cte} {FACETS_SQL}", params)
        facet_rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
    for name, value, count in facet_rows:
        facets.setdefault(name, []).append((value, count))
    for name in facets:
        facets[name].sort(key=lambda item: (-item[1], item[0]))

    resources = Resource.objects.prefetch_related("translations", "facets", "files").select_related("centre")
    by_id = resources.in_bulk([row[0] for row in rows])
    hits = [Hit(by_id[resource_id], float(score)) for resource_id, score, _ in rows if resource_id in by_id]
    for hit in hits:
        hit.language, hit.snippet = _snippet(hit.resource, query.text, language)
    return Results(hits, total, facets, occupation_ids)


# -- Snippets -------------------------------------------------------------------------------------

SNIPPET_CHARS = 220


def _snippet(resource: Resource, text: str, reader_language: str) -> tuple[str, SafeString]:
    """The translation that best answers the query and a passage of it with the query's words marked.

    Words are compared by their stem in the translation's language, so "métier" marks "métiers".
    """
    translations = list(resource.translations.all())
    if not translations:
        return "", mark_safe("")
    best, best_count, best_passage = None, -1, ""
    for translation in translations:
        wanted = set(terms(text, translation.language))
        files_text = " ".join(f.text for f in resource.files.all() if f.language == translation.language)
        passage = " ".join(
            part for part in (translation.summary, translation.body, *_sheet(translation), files_text) if part
        )
        count = sum(1 for word in WORD.findall(plain(passage[:5_000])) if stem(word, translation.language) in wanted)
        preferred = translation.language == reader_language
        if count > best_count or (count == best_count and preferred):
            best, best_count, best_passage = translation, count, passage
    wanted = set(terms(text, best.language))
    return best.language, _highlight(best_passage, wanted, best.language)


def _sheet(translation):
    return [getattr(translation, name) for name in ResourceTranslation.SHEET_FIELDS]


def _highlight(passage: str, wanted: set[str], language: str) -> SafeString:
    passage = re.sub(r"\s+", " ", passage).strip()
    matches = [m for m in WORD.finditer(passage) if wanted and stem(plain(m.group()), language) in wanted]
    start = 0
    if matches:
        start = max(0, matches[0].start() - 60)
        # Begin at a word boundary.
        while start > 0 and passage[start - 1].isalnum():
            start -= 1
    end = min(len(passage), start + SNIPPET_CHARS)
    while end < len(passage) and passage[end].isalnum():
        end += 1
    pieces, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(conditional_escape(passage[cursor : match.start()]))
        pieces.append(f"<mark>{conditional_escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(conditional_escape(passage[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(passage) else ""
    return mark_safe(prefix + "".join(str(p) for p in pieces) + suffix)  # noqa: S308 -- every piece escaped
