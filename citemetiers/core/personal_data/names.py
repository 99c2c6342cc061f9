"""Names of people: after a title ("Mme Dupont", "Sra. García", "Herr Müller"), or a known first name
followed by a surname ("Jean Dupont", "DUPONT Jean", "Marie-Claire Da Silva"), or a bare name after
"s'appelle", "named", "se llama"...

The first names are those of `first_names.txt`, about 20,000 given names current in Europe, the
Maghreb, Africa and beyond, taken from the name dictionary that the `gender-guesser` package ships
(Jörg Michael's nam_dict.txt, GNU Free Documentation License), keeping every name with a frequency
class of 2 or more in at least one country. A surname is any capitalised word that is not one of
the words listed here as never surnames (street types, organisations, months…); so an ordinary word
used as a surname ("Mme Boulanger", "Paul Petit") is found by its context, and the same word used as
a word ("un poste de boulanger") is not.

Not taken for a visitor: the Cité's own staff and partners (given to the guard as allowed names),
names inside an organisation's name, and places named after a person ("lycée Victor Hugo",
"hôpital Georges Pompidou", "rue Jean Jaurès").
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .text import Candidate, fold

TITLES = {
    # fr
    "m.",
    "mme",
    "mme.",
    "mlle",
    "mlle.",
    "monsieur",
    "madame",
    "mademoiselle",
    "dr",
    "dr.",
    "docteur",
    "pr",
    "pr.",
    "me",
    "maître",
    "maitre",
    # en
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "mister",
    # es
    "sr.",
    "sra.",
    "srta.",
    "señor",
    "señora",
    "señorita",
    "don",
    "doña",
    # it
    "sig.",
    "sig.ra",
    "sig.na",
    "signor",
    "signore",
    "signora",
    "signorina",
    "dott.",
    "dott.ssa",
    "avv.",
    # de
    "herr",
    "herrn",
    "frau",
}
FOLDED_TITLES = {fold(title) for title in TITLES}
SPELT_OUT_TITLES = {
    fold(title)
    for title in (
        *("monsieur", "madame", "mademoiselle", "docteur", "maître", "mister"),
        *("señor", "señora", "señorita", "signor", "signore", "signora", "signorina", "dottore", "dottoressa"),
    )
}
# Titles that are also common words: they count only right before a capitalised name.
WEAK_TITLES = {"me", "don", "miss", "pr", "dr"}

# Words after which a bare capitalised word is a name.
NAME_CUE_RE = re.compile(
    r"(?:s'appelle|s’appelle|nommée?|prénommée?|prénom|nom\s*:|named|called|his name is|her name is|"
    r"name:|se llama|llamad[oa]|nombre:|si chiama|chiamat[oa]|nome:|heißt|heisst|namens|name ist)\s+$",
    re.IGNORECASE,
)

# Words before a name that make it a place or an institution named after a person.
PLACE_BEFORE_RE = re.compile(
    r"(?:\b(?:lyc[ée]e|coll[èe]ge|[ée]cole|universit[ée]|institut|h[ôo]pital|clinique|centre|stade|gare|station|"
    r"m[ée]diath[èe]que|biblioth[èe]que|salle|fondation|prix|espace|maison|r[ée]sidence|cit[ée]|parc|"
    r"rue|avenue|av\.|boulevard|bd|place|all[ée]e|quai|impasse|chemin|square|pont|port|a[ée]roport|campus|"
    r"metro|métro|saint|sainte|st|ste|school|college|university|hospital|street|road|via|viale|piazza|corso|"
    r"calle|avenida|plaza|paseo|colegio|instituto|universidad|liceo|istituto|universit[àa]|ospedale|"
    r"schule|gymnasium|universität|klinik|straße|strasse|platz)\s+(?:(?:de|du|des|la|le|of|the|di|del|de la)\s+)?)$",
    re.IGNORECASE,
)


# Capitalised words that are never a surname after a first name, nor a first name before one.
def _folded_words(words: str) -> set[str]:
    return {fold(word) for word in words.split()}


NOT_SURNAMES = _folded_words(
    "Travail Emploi Formation Plus Centre Center College University School Service Services Office Agency "
    "Street Road Avenue Lane Square Park Hospital Navy Army Bank Group Company Ltd Inc SA SAS SARL "
    "Nationale National Paris France Lyon Marseille Lille Europe Europass CV Job Jobs Advice Careers "
    "Ville Cité Métiers Mission Locale Maison Pôle Région Département Conseil Chambre Bateau Merlin "
    "Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre "
    "Décembre January February March April May June July August September October November December "
    "Plan Code Rome Esco Master Licence Bachelor Diplôme Titre BTS CAP BEP DUT BUT Bac Pro "
    "Calle Via Straße Strasse Platz Plaza Piazza Corso Mayor Roma Madrid Berlin London "
    "Ciudad Comune Stadt Agentur Arbeit Zentrale Jobcentre Jobcenter Handy Mail Email Tel Ticket "
    "Atelier Workshop Forum Salon Fair Level Niveau Nivel Livello Stufe Internet Web Google LinkedIn "
    "Indeed Facebook Instagram Excel Word Windows Office Microsoft"
)
NOT_FIRST_NAMES = _folded_words(
    "France Paris Will May June August Job Marks Hat Victoria Avenue "
    "The And Or For With His Her Its Our Your This That These Those Who What When Where Why How "
    "Il Elle Ils Elles On Nous Vous Une Des Mes Tes Ses Nos Vos Leur Leurs Cet Cette Qui Que Quand "
    "Los Las Una Uno Unos Su Sus Mi Tu Yo Nos Con Por Para Sin Sobre Entre "
    "Lo Gli Uno Una Il Suo Sua Mio Tuo Con Per Tra Fra "
    "Die Der Das Den Dem Des Ein Eine Einen Und Oder Mit Von Zu Im Am Bei Nach Vor Sein Ihr "
    "Don Art Sun Les Ma Do In An Am Im Van Von Del Della Di Da De La Le El Al Ben Mon Son Sa Ce Se Si "
    "Ce Sur Bon Belle Fleur Chance Océane Lourdes Salvador Santiago Florence Nancy Lorraine Orange "
    "Valence Vienne Lorient Sophia Beruf Kurs Mit Bis Vom Pour Par Avec Chez Selon Dans Pole Anglais "
    "English Master Major Maire Colonel Mark Bill Pat Frank Guy Ernst Klaus Andy Harry Pierre Claude "
    "Carmen Europa Gloria Angel Ángel Angela Rosa Bianca Mercedes Porsche Ferrari Jaguar Dior Chanel "
    "Lancôme Christian Louis Vuitton Chris Tesco Lidl Aldi Carrefour Auchan"
) - {fold("Pierre"), fold("Claude"), fold("Christian"), fold("Louis"), fold("Carmen"), fold("Angela")}

_WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*\.?(?:ra|na|ssa)?", re.UNICODE)
PARTICLES = {"de", "du", "des", "da", "di", "del", "della", "van", "von", "der", "le", "la", "el", "al", "ben", "bin"}


@cache
def first_names() -> frozenset[str]:
    path = Path(__file__).with_name("first_names.txt")
    return frozenset(fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _bare(word: str) -> str:
    return word.rstrip(".")


def _is_capitalised(word: str) -> bool:
    word = _bare(word)
    return len(word) >= 2 and word[0].isupper() and (word[1:].islower() or "-" in word or "'" in word)


def _is_upper(word: str) -> bool:
    word = _bare(word).replace("-", "").replace("'", "")
    return len(word) >= 3 and word.isupper() and word.isalpha()


def _is_first_name(word: str) -> bool:
    word = _bare(word)
    if not (_is_capitalised(word) or _is_upper(word)):
        return False
    parts = [fold(part) for part in re.split(r"[-]", word) if part]
    if not parts or fold(word) in NOT_FIRST_NAMES:
        return False
    return all(part in first_names() for part in parts)


def _is_surname(word: str) -> bool:
    word = _bare(word)
    return (_is_capitalised(word) or _is_upper(word)) and fold(word) not in NOT_SURNAMES


def find_names(text: str) -> list[Candidate]:
    words = list(_WORD_RE.finditer(text))
    found: list[Candidate] = []
    index = 0
    while index < len(words):
        span = _name_at(text, words, index)
        if span:
            start_index, end_index = span
            start, end = words[start_index].start(), words[end_index].end()
            if not PLACE_BEFORE_RE.search(text[max(0, start - 40) : start]):
                found.append(Candidate("name", start, end - (1 if text[end - 1] == "." else 0)))
            index = end_index + 1
        else:
            index += 1
    return found


def _adjacent(text: str, words, left: int, right: int) -> bool:
    """Whether two words are separated by spaces only (not a comma, a line break or a full stop)."""
    if words[left].group(0).endswith(".") and fold(words[left].group(0)) not in FOLDED_TITLES:
        return False
    between = text[words[left].end() : words[right].start()]
    return between.strip(" ") == "" and len(between) <= 2


def _surname_run(text: str, words, index: int) -> int | None:
    """The index of the last word of a surname starting at `index` (with particles), or None."""
    position, last = index, None
    while position < len(words):
        word = words[position].group(0)
        if fold(word) in PARTICLES and position + 1 < len(words) and _adjacent(text, words, position, position + 1):
            position += 1
            continue
        if _is_surname(word) and (last is None or _adjacent(text, words, position - 1, position)):
            last = position
            position += 1
            if word.endswith("."):  # the sentence ends with the surname
                break
            # A second surname ("García López") but not a following sentence-initial word.
            if (
                position < len(words)
                and _adjacent(text, words, last, position)
                and _is_surname(words[position].group(0))
            ):
                continue
            break
        break
    return last


def _name_at(text: str, words, index: int) -> tuple[int, int] | None:
    word = words[index].group(0)
    # Every name and cue'd name starts with a capital; a title written out may not ("madame Lopez").
    if not word[0].isupper() and fold(word) not in SPELT_OUT_TITLES:
        return None
    folded = fold(word)
    following = index + 1 < len(words) and _adjacent(text, words, index, index + 1)
    # A title and a capitalised name: "Mme Dupont", "Sig.ra Rossi", "Herr Dr. Weber".
    if folded in FOLDED_TITLES and following:
        if folded in WEAK_TITLES and not word[0].isupper():
            return None
        position = index + 1
        if fold(words[position].group(0)) in FOLDED_TITLES and position + 1 < len(words):
            position += 1
        if _is_first_name(words[position].group(0)) and position + 1 < len(words):
            end = _surname_run(text, words, position + 1)
            if end is not None:
                return index, end
        end = _surname_run(text, words, position)
        if end is not None:
            return index, end
        return None
    # A first name and a surname: "Jean Dupont", "Jean-Pierre Le Goff", "Marie Claire Durand".
    if _is_first_name(word) and not _is_upper(word) and following:
        position = index + 1
        while (
            position + 1 < len(words)
            and not words[position].group(0).endswith(".")
            and _is_first_name(words[position].group(0))
            and _adjacent(text, words, position, position + 1)
            and _is_surname(words[position + 1].group(0))
        ):
            position += 1
        end = _surname_run(text, words, position)
        if end is not None and not (_is_upper(word) and _is_upper(words[end].group(0))):
            return index, end
    # A surname in capitals and a first name: "DUPONT Jean".
    if (
        _is_upper(word)
        and following
        and _is_first_name(words[index + 1].group(0))
        and _is_capitalised(words[index + 1].group(0))
        and fold(word) not in NOT_SURNAMES
    ):
        return index, index + 1
    # A bare name after "s'appelle", "named", "se llama": "s'appelle Kenza".
    if _is_capitalised(word) and NAME_CUE_RE.search(text[max(0, words[index].start() - 20) : words[index].start()]):
        end = index
        if following and _is_surname(words[index + 1].group(0)):
            end = index + 1
        return index, end
    return None
