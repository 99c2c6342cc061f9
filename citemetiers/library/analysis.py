"""How text becomes search terms: lower case, accents dropped, stop words out, each language's Snowball stem.

SQLite indexes these terms with FTS5. PostgreSQL stems with its own Snowball dictionaries, fed the same
accent-free text, so that a query typed with or without accents finds the same resources on both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)

# The Snowball algorithm (and PostgreSQL text search configuration) of each language we index.
SNOWBALL = {
    "fr": "french",
    "en": "english",
    "es": "spanish",
    "it": "italian",
    "de": "german",
    "pt": "portuguese",
    "nl": "dutch",
    "ro": "romanian",
    "ca": "catalan",
    "ar": "arabic",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short lists of the commonest words, accent-free; PostgreSQL's dictionaries drop theirs too.
STOP_WORDS = {
    "fr": _words(
        "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon ne "
        "nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous "
        "c d j l m n s t y est sont ete etre avoir"
    ),
    "en": _words(
        "a an and are as at be but by for from has have he her his i if in into is it its of on or our she so that "
        "the their them then there these they this to was we were what when which who will with you your"
    ),
    "es": _words("a al de del el en es la las lo los o para por que se su un una y con"),
    "it": _words("a al alla di del della e il in la le lo per un una che con da dei delle gli i"),
    "de": _words("der die das und in zu den von mit ist im fur auf ein eine des dem nicht als"),
    "pt": _words(
        "a as o os de do da dos das e em um uma para por com que no na nos nas ao aos se sem sobre como mais meu minha"
    ),
    "nl": _words(
        "de het een en van in op te voor met aan bij is zijn naar om dat die dit als of er ik je mijn wat hoe niet ook"
    ),
}


def unaccent(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def plain(text: str) -> str:
    """Lower case and without accents: what PostgreSQL is given and what FTS5 tokenises."""
    return unaccent(text.lower())


# Where the stemmer differs from the PostgreSQL configuration's name: Snowball's newer Dutch takes "ge"
# out of words ("begeleiding", guidance, became "beleid", policy; "werkgever" became "werkver"); the
# classic Dutch algorithm keeps them apart.
ALGORITHM = {"nl": "dutch_porter"}


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(ALGORITHM.get(language) or SNOWBALL.get(language) or "english")


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    # Pure-Python Snowball costs tens of microseconds a word; texts repeat their words.
    return _stemmer(language).stemWord(word)


# Snowball stems inflections (métier / métiers) but not derivations: "créer" stems to "cre" and
# "création" to "creation", "emploi" and "employeur" differ. A word's family is joined by taking off,
# after Snowball, the derivational endings of the field's words (action nouns, agent nouns), so that
# verb, act and agent meet; "oi" / "oy" is the French spelling change of emploi / employer.
# (Conservative on purpose: an ending comes off only when at least MIN_ROOT letters remain.)
FAMILY_ENDINGS = {
    "fr": ("ation", "ateur", "atric", "ement", "euse", "eur", "at"),
    "en": ("ion", "or", "er"),
    "es": ("acion", "ador", "ion"),
    "it": ("azion", "ator", "atric", "zion"),
    "de": ("ung",),
    # Snowball Portuguese reads accents; without them "criação" stems to "criaca", "criações" to "criaco".
    "pt": ("aca", "aco", "ador", "edor"),
    "nl": ("aties", "atie", "er"),
}
FAMILY_SPELLING = {"fr": (("oi", "oy"),)}
MIN_ROOT = {"en": 4, "nl": 4}


@lru_cache(maxsize=200_000)
def term(word: str, language: str) -> str:
    """The search term of one accent-free lower-case word: its Snowball stem, then its family's root."""
    root = stem(word, language)
    minimum = MIN_ROOT.get(language, 3)
    for ending in FAMILY_ENDINGS.get(language, ()):
        if root.endswith(ending) and len(root) - len(ending) >= minimum:
            root = root[: -len(ending)]
            break
    for old, new in FAMILY_SPELLING.get(language, ()):
        if root.endswith(old):
            root = root[: -len(old)] + new
    return root


def terms(text: str, language: str) -> list[str]:
    """The search terms of `text` read as `language`, in order, stop words left out."""
    stop = STOP_WORDS.get(language, set())
    return [term(word, language) for word in WORD.findall(plain(text)) if word not in stop]


def pg_config(language: str) -> str:
    """The PostgreSQL text search configuration of a language; `simple` when it has none."""
    return SNOWBALL.get(language, "simple")


# German and Dutch write a compound as one word ("Berufsberatung", "sollicitatiegesprek"): a query naming
# the compound should find the texts that name its parts. A word is split only into words the library
# holds (its own vocabulary of words as written, library.models.SearchWord), so that a word is not cut into
# fragments that happen to be words ("Beratung" is not "Bera" + "tung"). Pieces are compared as written,
# not stemmed: stemming every piece of a long word cost ~5 ms of CPU a word.
COMPOUND_LANGUAGES = ("de", "nl")
MIN_COMPOUND = 8  # letters: shorter words are seldom two words of the library
MIN_PART = 3  # "Job" in "Jobsuche"
MIN_HEAD = 4  # the last part carries the meaning: not a short fragment
MAX_COMPOUND = 32  # letters: past it, a string of letters is not a word (and its pieces grow as its square)
# The linking letters between the parts of a compound ("Berufs-beratung", "Kunden-zufriedenheit").
LINKS = {"de": ("es", "en", "s", "n", "e"), "nl": ("en", "s", "e")}


def compound_pieces(word: str, language: str) -> set[str]:
    """Every piece of `word` that could be a part of it: as written, without a linking letter, inflected."""
    if language not in COMPOUND_LANGUAGES or not MIN_COMPOUND <= len(word) <= MAX_COMPOUND or not word.isalpha():
        return set()
    pieces = set()
    for start in range(len(word) - MIN_PART + 1):
        for end in range(start + MIN_PART, len(word) + 1):
            if (start, end) != (0, len(word)):
                piece = word[start:end]
                pieces.add(piece)
                pieces.update(piece[: -len(link)] for link in LINKS[language] if piece.endswith(link))
    # A part may stand in the texts only inflected ("Kompetenz" in "Kompetenzen"): the same letters serve.
    pieces = {piece for piece in pieces if len(piece) >= MIN_PART}
    return pieces | {piece + ending for piece in pieces for ending in LINKS[language]}


def compound_split(word: str, language: str, known) -> tuple[str, ...]:
    """The search terms of the parts of a compound, every part a word the library holds; () when it is not one.

    `known` holds words as written (lower case, no accents). The fewest parts win, then the longest last
    part (the head, which says what the thing is).
    """
    if not compound_pieces(word, language):
        return ()
    links = LINKS[language]

    def part(piece: str, *, linked: bool) -> str | None:
        # A part before another may end with a linking letter; the last part of the word may not.
        if piece in known:
            return piece
        forms = [piece[: -len(link)] for link in links if linked and piece.endswith(link)]
        forms += [piece + ending for ending in links]
        return next((form for form in forms if len(form) >= MIN_PART and form in known), None)

    def split(text: str, *, whole: bool) -> tuple[str, ...] | None:
        if not whole and (found := part(text, linked=True)):
            return (found,)
        best = None
        for cut in range(MIN_PART, len(text) - MIN_PART + 1):
            head = part(text[cut:], linked=not whole)
            if head is None or (whole and len(head) < MIN_HEAD):
                continue
            rest = split(text[:cut], whole=False)
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = (*rest, head)
        return best

    return tuple(dict.fromkeys(term(found, language) for found in split(word, whole=True) or ()))
