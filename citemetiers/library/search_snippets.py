"""The passage shown under each search hit: the translation that best answers the query, with the
query's words marked (split from search.py, which finds the hits)."""

from __future__ import annotations

import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from citemetiers.library.analysis import WORD, plain, term, terms
from citemetiers.library.models import Resource, ResourceTranslation

SNIPPET_CHARS = 220


def snippet(resource: Resource, text: str, reader_language: str) -> tuple[str, SafeString]:
    """The translation that best answers the query and a passage of it with the query's words marked.

    Words are compared by their stem in the translation's language, so "métier" marks "métiers".
    """
    translations = list(resource.translations.all())
    if not translations:
        return "", mark_safe("")
    best, best_count, best_passage = None, -1, ""
    for translation in translations:
        wanted = set(terms(text, translation.language))
        passage = " ".join(part for part in (translation.summary, translation.body, *_sheet(translation)) if part)
        count = _count(passage, wanted, translation.language)
        preferred = translation.language == reader_language
        if count > best_count or (count == best_count and preferred):
            best, best_count, best_passage = translation, count, passage
    wanted = set(terms(text, best.language))
    if best_count == 0 and text.strip():
        # The words are not in the text: they may be in a file. Files are read only then, being long.
        files_text = " ".join(
            resource.files.filter(language=best.language).exclude(text="").values_list("text", flat=True)
        )
        if files_text and _count(files_text, wanted, best.language):
            best_passage = files_text
    return best.language, _highlight(best_passage, wanted, best.language)


def _count(passage: str, wanted: set[str], language: str) -> int:
    return sum(1 for word in WORD.findall(plain(passage[:5_000])) if term(word, language) in wanted)


def _sheet(translation):
    return [getattr(translation, name) for name in ResourceTranslation.SHEET_FIELDS]


def _highlight(passage: str, wanted: set[str], language: str) -> SafeString:
    passage = re.sub(r"\s+", " ", passage).strip()
    matches = [m for m in WORD.finditer(passage) if wanted and term(plain(m.group()), language) in wanted]
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
