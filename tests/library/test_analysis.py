"""How text becomes search terms (library/analysis.py): one word family, one term, per language."""

import pytest

from citemetiers.library.analysis import terms
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
