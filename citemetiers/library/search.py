"""Full-text search of the library, behind one interface with two backends.

- SQLite: FTS5 over terms analysed in Python (citemetiers.library.analysis), ranked by BM25.
- PostgreSQL: a weighted tsvector per translation over the same analysed terms (`simple`
  configuration: the stemming and word families are analysis.py's on both), GIN-indexed, ranked by ts_rank.

A query matches a text holding any of its words (ranking puts first what holds the most), and any
term of the thesaurus concepts it names, in any language (search_thesaurus.py), ranked below.

Both index one SearchDocument per translation and answer the same `search()`: direct matches first,
then resources reached only through an occupation whose label (in any language) matches the query,
filtered by facets, with facet counts and highlighted snippets computed the same way for both.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import reduce
from operator import and_
from typing import Protocol

from django.db import connection
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from citemetiers.library.analysis import (
    COMPOUND_LANGUAGES,
    STOP_WORDS,
    WORD,
    compound_pieces,
    compound_split,
    plain,
    terms,
)
from citemetiers.library.models import Resource, ResourceTranslation, SearchDocument, SearchWord
from citemetiers.library.search_snippets import snippet
from citemetiers.library.search_thesaurus import expansions
from citemetiers.referentials.models import OccupationLabel
from citemetiers.referentials.selectors import search_text

# PostgreSQL refuses a tsvector over 1 MB; a resource's first 200,000 characters say what it is about.
MAX_INDEXED_CHARS = 200_000
# How many occupations a query may reach for cross-lingual hits; beyond, the query is too vague.
MAX_QUERY_OCCUPATIONS = 5
MAX_QUERY_WORDS = 6  # beyond, a query is a paste of text: its first words say what it is about
OCCUPATION_SCORE = 0.5  # direct matches score in [1, 2): a hit through an occupation ranks below them
# A text reached only through the thesaurus's other terms scores in [1, 1 + THESAURUS_WEIGHT): below an
# equally good match of the words typed, above hits through an occupation.
THESAURUS_WEIGHT = 0.8
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
    each_facet_key: str  # SQL joining a match `m` to its facet keys as `k.value`

    def document_values(self, translation: ResourceTranslation, title: str, summary: str, rest: str) -> dict: ...

    def store(self, document: SearchDocument, title: str, summary: str, rest: str) -> None: ...

    def hits_sql(self, groups: list[tuple[str, ...]]) -> tuple[str, list] | None:
        """SQL selecting (resource_id, score) of the translations holding every term of any group,
        score ≥ 0, higher better."""


class SQLiteBackend:
    vendor = "sqlite"
    each_facet_key = ", json_each(m.facet_keys) k"

    def document_values(self, translation, title, summary, rest):
        language = translation.language
        return {
            "title_terms": " ".join(terms(title, language)),
            "body_terms": " ".join(terms(f"{summary}\n{rest}", language)),
            "document": None,
        }

    def store(self, document, title, summary, rest):
        pass  # the triggers of migration 0002 copy the terms into the FTS5 index

    def hits_sql(self, groups):
        # All in one MATCH; BM25 ranks first what holds the most of the words, the rarest first.
        expression = boolean_query(groups, quote=lambda term: f'"{term}"', both=" AND ", either=" OR ")
        if expression is None:
            return None
        # LIMIT -1 keeps SQLite from flattening the subquery (bm25() only runs next to its MATCH),
        # and CROSS JOIN keeps the full-text matches as the outer loop.
        sql = (
            "SELECT d.resource_id AS resource_id, f.score AS score FROM ("
            "SELECT rowid AS id, -bm25(library_fts, 4.0, 1.0) AS score FROM library_fts "
            "WHERE library_fts MATCH %s LIMIT -1) f "
            "CROSS JOIN library_searchdocument d ON d.id = f.id"
        )
        return sql, [expression]


class PostgreSQLBackend:
    vendor = "postgresql"
    each_facet_key = "CROSS JOIN LATERAL jsonb_array_elements_text(m.facet_keys) AS k(value)"

    def document_values(self, translation, title, summary, rest):
        return {"title_terms": "", "body_terms": "", "document": None}

    def store(self, document, title, summary, rest):
        # The terms of analysis.py, not PostgreSQL's own stemming: the word families (créer / création)
        # are joined there, and both backends then answer the same.
        language = document.language
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE library_searchdocument SET document = "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C') WHERE id = %s",
                [_pg_terms(title, language), _pg_terms(summary, language), _pg_terms(rest, language), document.pk],
            )

    def hits_sql(self, groups):
        # One tsquery, one GIN lookup.
        tsquery = boolean_query(groups, quote=lambda lexeme: f"'{lexeme}'", both=" & ", either=" | ")
        if tsquery is None:
            return None
        # Normalisation 1 | 32: long texts weigh less (1 + log of their length), rank / (rank + 1) in [0, 1).
        sql = (
            "SELECT d.resource_id AS resource_id, ts_rank(d.document, CAST(%s AS tsquery), 33) AS score "
            "FROM library_searchdocument d WHERE d.document @@ CAST(%s AS tsquery)"
        )
        return sql, [tsquery, tsquery]


def _pg_terms(text: str, language: str) -> str:
    # `simple` splits on what is not a letter or digit: an underscore inside a term would split it.
    return " ".join(terms(text, language)).replace("_", " ")


def should_match(words: tuple[str, ...], *, strict: bool) -> list[tuple[str, ...]]:
    """The groups of words a text must hold one of to match: strict, every word; otherwise any word.

    Recall first (issue 20): a text holding one word of a long query is an answer, ranked below those
    holding more; a hard rule asking for two of them emptied the page of paraphrases.
    """
    words = words[:MAX_QUERY_WORDS]
    if strict:
        return [words]
    return [(word,) for word in words]


def query_groups(text: str, languages: list[str], *, strict: bool) -> list[tuple[str, ...]]:
    """The query read as each indexed language, as the groups of terms should_match asks for."""
    readings = {tuple(dict.fromkeys(terms(text, language))) for language in languages}
    return [group for reading in readings if reading for group in should_match(reading, strict=strict)]


def boolean_query(groups, *, quote, both: str, either: str) -> str | None:
    """Groups of terms as one full-text expression in an engine's syntax: any group, all its terms."""
    expressions = [both.join(quote(word) for word in group) for group in groups if group]
    return either.join(f"({group})" for group in dict.fromkeys(expressions)) if expressions else None


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
    vocabulary_add(translation.language, f"{translation.title}\n{translation.summary}\n{rest}")
    _languages["value"] = None
    return document


def vocabulary_add(language: str, text: str) -> None:
    """Keep the words of a text written in a language whose compounds are split (analysis.py)."""
    if language not in COMPOUND_LANGUAGES:
        return
    longest = SearchWord._meta.get_field("word").max_length
    stop = STOP_WORDS.get(language, set())
    found = {word for word in WORD.findall(plain(text)) if word not in stop and len(word) <= longest}
    SearchWord.objects.bulk_create(
        [SearchWord(language=language, word=word) for word in sorted(found)], batch_size=500, ignore_conflicts=True
    )


def facet_keys(resource: Resource) -> list[str]:
    """What a resource counts under in the facets: "kind:tool", "theme:cv", "language:fr", "occupation:12"…"""
    keys = {f"kind:{resource.kind}", f"centre:{resource.centre_id}"}
    keys |= {f"language:{language}" for language in resource.translations.values_list("language", flat=True)}
    keys |= {f"{name}:{value}" for name, value in resource.facets.values_list("name", "value")}
    keys |= {f"occupation:{pk}" for pk in resource.occupations.values_list("pk", flat=True)}
    return sorted(keys)


def facet_keys_refresh(resource: Resource) -> None:
    Resource.objects.filter(pk=resource.pk).update(facet_keys=facet_keys(resource))


def resource_index(resource: Resource) -> None:
    """Rebuild the search documents of every translation of a resource; drop those of removed ones."""
    facet_keys_refresh(resource)
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


def _matched_sql(
    query: SearchQuery, *, centre, occupation_ids: list[int], strict: bool = False
) -> tuple[str, list] | None:
    """A CTE list ending in `matched(resource_id, score)`: what the reader may see, filtered, scored."""
    params: list = []
    if query.text.strip():
        groups = query_groups(query.text, _indexed_languages(), strict=strict)
        direct = backend().hits_sql(groups)
        unions = []
        if direct:
            unions.append(f"SELECT resource_id, 1 + score / (1 + score) AS score FROM ({direct[0]}) direct")
            params += direct[1]
        # The thesaurus's other terms of the concepts the query names, each found whole, and the parts
        # of the compounds it holds. Not in the strict reading: it asks for the words typed, all of them.
        related = (
            None
            if strict
            else backend().hits_sql(
                [label for label in [*expansions(query.text), *compound_groups(query.text)] if label not in groups]
            )
        )
        if related:
            unions.append(
                f"SELECT resource_id, 1 + {THESAURUS_WEIGHT} * score / (1 + score) AS score FROM ({related[0]}) related"
            )
            params += related[1]
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

    # The library's one visibility rule (library.models.readable_by), compiled from its queryset —
    # with the scope the manager adds — rather than written again here in SQL.
    readable = Resource.objects.visible_to(centre).order_by().values("pk").query.sql_with_params()
    conditions = [f"r.id IN ({readable[0]})"]
    params += list(readable[1])

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
        f"WITH hits AS ({hits}), matched AS MATERIALIZED ("
        "SELECT h.resource_id, h.score, r.updated_at, r.facet_keys FROM hits h "
        f"JOIN library_resource r ON r.id = h.resource_id WHERE {' AND '.join(conditions)})"
    )
    return sql, params


def compound_groups(text: str) -> list[tuple[str, ...]]:
    """For each compound of the query, in a language of the index that writes compounds as one word,
    its head alone and all its parts: "Bewerbungsfoto" finds "das Foto für die Bewerbung" and "Fotos".

    One query reads which of the words' pieces the library's vocabulary holds.
    """
    words = dict.fromkeys(WORD.findall(plain(text))[:MAX_QUERY_WORDS])
    wanted = {
        language: {word: pieces for word in words if (pieces := compound_pieces(word, language))}
        for language in COMPOUND_LANGUAGES
        if language in _indexed_languages()
    }
    lookup = Q()
    for language, pieces_of in wanted.items():
        if pieces_of:
            lookup |= Q(language=language, word__in={piece for pieces in pieces_of.values() for piece in pieces})
    if not lookup:
        return []
    known: dict[str, set[str]] = {}
    for language, found in SearchWord.objects.filter(lookup).values_list("language", "word"):
        known.setdefault(language, set()).add(found)
    groups: list[tuple[str, ...]] = []
    for language, pieces_of in wanted.items():
        for word in pieces_of:
            if parts := compound_split(word, language, known.get(language, set())):
                groups += [(parts[-1],), parts]
    return list(dict.fromkeys(groups))


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


def _statement(matched: tuple[str, list], *, page: int, per_page: int) -> tuple[str, list]:
    """One statement: the matches are found and ranked once, then read for the page, the total and
    the facets (each match's facet keys are kept with the resource, so counting needs no joins)."""
    cte, params = matched
    offset = max(page - 1, 0) * per_page
    sql = (
        f"{cte}, page AS (SELECT resource_id, score, updated_at FROM matched "
        "ORDER BY score DESC, updated_at DESC, resource_id LIMIT %s OFFSET %s) "
        "SELECT 'hit', CAST(resource_id AS VARCHAR(20)), score, "
        "ROW_NUMBER() OVER (ORDER BY score DESC, updated_at DESC, resource_id) FROM page "
        "UNION ALL SELECT 'total', '', COUNT(*), SUM(CASE WHEN score >= 1 THEN 1 ELSE 0 END) FROM matched "
        f"UNION ALL SELECT 'facet', k.value, COUNT(*), 0 FROM matched m {backend().each_facet_key} GROUP BY k.value"
    )
    return sql, [*params, per_page, offset]


def search(query: SearchQuery, *, centre, language: str, page: int = 1, per_page: int = 20) -> Results:
    """The resources `centre`'s members may read that match `query`, best first, one page of them.

    `centre` is None for network staff outside any Cité. `language` is the reader's: it chooses which
    translation a hit shows when several match.
    """
    occupation_ids = query_occupations(query.text)
    # Every word first; when that leaves the page short, the looser match. Ranking puts texts holding
    # every word first anyway, so the page is the same, and a query of common words stays cheap.
    several_words = len(set(WORD.findall(plain(query.text)))) > 1
    for strict in (True, False) if several_words else (False,):
        matched = _matched_sql(query, centre=centre, occupation_ids=occupation_ids, strict=strict)
        if matched is None:
            return Results([], 0, {name: [] for name in FACET_NAMES}, occupation_ids)
        with connection.cursor() as cursor:
            cursor.execute(*_statement(matched, page=page, per_page=per_page))
            rows = cursor.fetchall()
        # A full first page of texts holding every word (hits through an occupation aside): the query
        # keeps to it, on every page.
        if next((int(direct or 0) for kind, _v, _n, direct in rows if kind == "total"), 0) >= per_page:
            break
    total = 0
    page_rows: list[tuple[int, int, float]] = []
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACET_NAMES}
    for kind, value, number, position in rows:
        if kind == "hit":
            page_rows.append((position, int(value), float(number)))
        elif kind == "total":
            total = int(number)
        else:
            name, _sep, item = value.partition(":")
            facets.setdefault(name, []).append((item, int(number)))
    for name in facets:
        facets[name].sort(key=lambda item: (-item[1], item[0]))

    page_rows.sort()
    resources = Resource.objects.prefetch_related("translations").select_related("centre")
    by_id = resources.in_bulk([resource_id for _position, resource_id, _score in page_rows])
    hits = [Hit(by_id[pk], score) for _position, pk, score in page_rows if pk in by_id]
    for hit in hits:
        hit.language, hit.snippet = snippet(hit.resource, query.text, language)
    return Results(hits, total, facets, occupation_ids)
