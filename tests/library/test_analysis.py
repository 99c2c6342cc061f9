"""How text becomes search terms (library/analysis.py): one word family, one term, per language."""

import pytest

from citemetiers.library.analysis import compound_split, plain, term, terms
from citemetiers.library.search_thesaurus import matched_concepts


def one_term(text, language):
    return set(terms(text, language))


@pytest.mark.parametrize(
    "words",
    [
        "begeleider begeleiders begeleiding",
        "ondernemer ondernemers onderneming",
        "sollicitatie sollicitaties solliciteren",
        "evaluatie evalueren",
        "opleiding opleidingen opleider",
    ],
)
def test_dutch_verb_act_and_agent_share_one_term(words):
    assert len(one_term(words, "nl")) == 1


def test_dutch_keeps_the_ge_of_a_compound_apart_from_another_word():
    # The newer Snowball Dutch takes "ge" out of words: "begeleiding" (guidance) became "beleid" (policy).
    assert one_term("begeleiding", "nl") != one_term("beleid", "nl")
    assert one_term("werkgever", "nl") == one_term("werkgevers", "nl")


@pytest.mark.parametrize(
    "words",
    [
        "criação criações criar criador",
        "formação formações formador formar",
        "avaliação avaliar avaliador",
        "empreendedor empreender",
    ],
)
def test_portuguese_verb_act_and_agent_share_one_term(words):
    assert len(one_term(words, "pt")) == 1


def test_dutch_and_portuguese_stop_words_are_left_out():
    assert terms("het werk van een bakker in de stad", "nl") == terms("werk bakker stad", "nl")
    phrase = "o trabalho de um padeiro na cidade sem diploma"
    assert terms(phrase, "pt") == terms("trabalho padeiro cidade diploma", "pt")


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("een eigen bedrijf starten", "business_creation"),
        ("werken in het buitenland", "working_abroad"),
        ("sollicitatiebrief schrijven", "cv"),
        ("criar uma empresa", "business_creation"),
        ("trabalhar no estrangeiro", "working_abroad"),
        ("preparar uma entrevista de emprego", "job_interview"),
    ],
)
def test_dutch_and_portuguese_queries_name_the_thesaurus_concepts(query, concept):
    assert concept in matched_concepts(query)


def test_every_concept_of_the_thesaurus_has_dutch_and_portuguese_terms():
    from citemetiers.library.search_thesaurus import concepts

    assert all(labels.get("nl") and labels.get("pt") for labels in concepts().values())


def known(*words):
    return {plain(word) for word in words}


def test_a_german_compound_splits_into_words_the_library_knows():
    parts = compound_split("berufsberatung", "de", known("Beruf", "Beratung"))
    assert parts == (term("beruf", "de"), term("beratung", "de"))


def test_a_compound_of_three_words_splits_into_three():
    parts = compound_split("berufsberatungsstelle", "de", known("Beruf", "Beratung", "Stelle"))
    assert parts == (term("beruf", "de"), term("beratung", "de"), term("stelle", "de"))


def test_a_compound_one_of_whose_parts_the_library_does_not_know_stays_whole():
    assert compound_split("berufsberatung", "de", known("Beratung")) == ()


def test_a_part_the_texts_hold_only_inflected_is_found():
    parts = compound_split("kompetenzgesprach", "de", known("Kompetenzen", "Gespräche"))
    assert parts == (term("kompetenz", "de"), term("gesprach", "de"))


def test_a_short_word_is_not_split():
    assert compound_split("bauamt", "de", known("Bau", "Amt")) == ()


def test_a_dutch_compound_splits_too():
    parts = compound_split("sollicitatiegesprek", "nl", known("sollicitatie", "gesprek"))
    assert parts == (term("sollicitatie", "nl"), term("gesprek", "nl"))


def test_only_german_and_dutch_are_split():
    assert compound_split("berufsberatung", "fr", known("Beruf", "Beratung")) == ()
