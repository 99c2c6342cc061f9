"""Search, run unchanged on SQLite (FTS5) and PostgreSQL (tsvector): the same answers from both backends."""

import pytest
from django.db import connection

from citemetiers.library import search
from citemetiers.library.search import SearchQuery
from citemetiers.library.vocab import Kind, Theme, Visibility
from citemetiers.referentials.models import Occupation, OccupationLabel, Scheme
from citemetiers.referentials.selectors import search_text
from tests.factories import CentreFactory, ResourceFactory


def found(text="", *, centre, **filters):
    return search.search(SearchQuery(text=text, **filters), centre=centre, language="fr")


def titles(results):
    return [hit.translation.title for hit in results.hits]


def occupation(code, **labels):
    made = Occupation.objects.create(scheme=Scheme.ROME, code=code)
    for language, label in labels.items():
        OccupationLabel.objects.create(
            occupation=made, language=language, label=label, is_preferred=True, search_text=search_text(label)
        )
    return made


def test_the_backend_is_the_one_of_the_database():
    assert search.backend().vendor == connection.vendor


def test_french_words_are_found_through_their_stem(centre):
    ResourceFactory(
        centre=centre, title="Les métiers du numérique", body="Découvrir les développeurs et leurs carrières."
    )
    ResourceFactory(centre=centre, title="Créer son entreprise")
    assert titles(found("développeur", centre=centre)) == ["Les métiers du numérique"]
    assert titles(found("carrière métier", centre=centre)) == ["Les métiers du numérique"]


def test_english_words_are_found_through_their_stem(centre):
    ResourceFactory(centre=centre, language="en", title="Running job interviews", body="How advisers prepare visitors.")
    assert titles(found("interview run", centre=centre)) == ["Running job interviews"]
    assert titles(found("preparing adviser", centre=centre)) == ["Running job interviews"]


def test_accents_are_ignored_both_ways(centre):
    ResourceFactory(centre=centre, title="Reconversion et carriere", body="Ecole de la deuxieme chance")
    ResourceFactory(centre=centre, title="Accompagner une réorientation", body="École et carrière")
    assert sorted(titles(found("carrière école", centre=centre))) == [
        "Accompagner une réorientation",
        "Reconversion et carriere",
    ]
    assert len(found("reorientation", centre=centre).hits) == 1


def test_what_holds_every_word_of_the_query_comes_first(centre):
    ResourceFactory(centre=centre, title="Travailler en Allemagne")
    ResourceFactory(centre=centre, title="Travailler au Canada")
    ResourceFactory(centre=centre, title="Étudier au Canada")
    assert titles(found("travailler canada", centre=centre))[0] == "Travailler au Canada"
    assert len(found("travailler canada", centre=centre).hits) == 3, "any word may match"


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(centre):
    ResourceFactory(centre=centre, title="Guide des entretiens", body="Un long texte sur l'apprentissage. " * 3)
    ResourceFactory(centre=centre, title="L'apprentissage expliqué", body="Tout savoir.")
    assert titles(found("apprentissage", centre=centre))[0] == "L'apprentissage expliqué"


def test_the_snippet_marks_the_words_of_the_query_in_their_inflected_form(centre):
    ResourceFactory(centre=centre, title="Fiche", body="Présenter les métiers de la mer aux jeunes <b>curieux</b>.")
    [hit] = found("metier", centre=centre).hits
    assert "<mark>métiers</mark>" in hit.snippet
    assert "&lt;b&gt;curieux&lt;/b&gt;" in hit.snippet, "the text of a resource is escaped"


def test_a_private_resource_is_never_found_by_another_cite(centre):
    other = CentreFactory()
    ResourceFactory(centre=other, title="Notre méthode interne", visibility=Visibility.CENTRE)
    ResourceFactory(centre=other, title="Notre méthode partagée", visibility=Visibility.NETWORK)
    assert titles(found("méthode", centre=centre)) == ["Notre méthode partagée"]
    assert sorted(titles(found("méthode", centre=other))) == ["Notre méthode interne", "Notre méthode partagée"]
    assert titles(found("méthode", centre=None)) == ["Notre méthode partagée"], "network staff read shared ones only"
    assert found("", centre=centre).total == 1, "nor is it listed when browsing"
    assert [value for value, _ in found("", centre=centre).facets["centre"]] == [str(other.pk)]


def test_facets_count_the_matches_and_filters_narrow_them(centre):
    ResourceFactory(centre=centre, title="Emploi des jeunes", kind=Kind.METHODOLOGY, themes=[Theme.JOB_SEARCH])
    ResourceFactory(centre=centre, title="Emploi et handicap", kind=Kind.TOOL, themes=[Theme.JOB_SEARCH, Theme.CV])
    ResourceFactory(centre=centre, title="Emploi à l'étranger", language="en", themes=[Theme.INTERNATIONAL])
    results = found("emploi", centre=centre)
    assert results.total == 3
    assert dict(results.facets["theme"]) == {"job_search": 2, "cv": 1, "international": 1}
    assert dict(results.facets["kind"]) == {"methodology": 1, "tool": 1, "document": 1}
    assert dict(results.facets["language"]) == {"fr": 2, "en": 1}
    narrowed = found("emploi", centre=centre, themes=("job_search",), kinds=("tool",))
    assert titles(narrowed) == ["Emploi et handicap"]
    assert dict(narrowed.facets["theme"]) == {"job_search": 1, "cv": 1}
    assert titles(found("emploi", centre=centre, languages=("en",))) == ["Emploi à l'étranger"]


def test_an_occupation_label_finds_resources_tagged_with_it_in_other_languages_below_direct_hits(centre):
    baker = occupation("ZZ001", fr="Boulanger", en="Baker", it="Panettiere")
    ResourceFactory(centre=centre, language="it", title="Il mestiere del pane", occupations=[baker])
    ResourceFactory(centre=centre, title="Devenir boulanger en alternance")
    ResourceFactory(centre=centre, language="en", title="Nothing to do with bread")
    results = found("boulanger", centre=centre)
    assert titles(results) == ["Devenir boulanger en alternance", "Il mestiere del pane"]
    assert [hit.through_occupation for hit in results.hits] == [False, True]
    assert titles(found("baker", centre=centre)) == ["Il mestiere del pane"]


def test_filtering_by_occupation(centre):
    baker = occupation("ZZ002", fr="Pâtissier")
    ResourceFactory(centre=centre, title="Un", occupations=[baker])
    ResourceFactory(centre=centre, title="Deux")
    assert titles(found("", centre=centre, occupations=(baker.pk,))) == ["Un"]


def test_a_query_of_stop_words_or_punctuation_finds_nothing_rather_than_everything(centre):
    ResourceFactory(centre=centre, title="Le guide")
    assert found("le la les", centre=centre).total == 0
    assert found("!!! ???", centre=centre).total == 0


def test_characters_of_the_fts_syntax_are_taken_as_text(centre):
    ResourceFactory(centre=centre, title="Travail NEAR emploi")
    assert found('"travail" OR (emploi) NEAR* -', centre=centre).total in {0, 1}  # no syntax error either way
    assert titles(found('travail "emploi"', centre=centre)) == ["Travail NEAR emploi"]


def test_results_come_in_pages(centre):
    for number in range(25):
        ResourceFactory(centre=centre, title=f"Atelier numéro {number}")
    first = search.search(SearchQuery(text="atelier"), centre=centre, language="fr", page=1, per_page=20)
    second = search.search(SearchQuery(text="atelier"), centre=centre, language="fr", page=2, per_page=20)
    assert (first.total, len(first.hits), len(second.hits)) == (25, 20, 5)
    assert not {h.resource.pk for h in first.hits} & {h.resource.pk for h in second.hits}


@pytest.mark.parametrize(
    "text", ["l'école d'été", "C++ & <b> | !(x) : *", "back\\slash 'quote' \"double\"", "a-b_c.d@e.fr 12:30", "é" * 300]
)
def test_any_text_typed_is_searched_without_error(centre, text):
    ResourceFactory(centre=centre, title="L'école d'été des conseillers")
    found(text, centre=centre)  # no syntax error from either full-text engine


def test_a_long_query_ranks_first_what_holds_most_of_its_words_and_keeps_the_others(centre):
    # Issue 20: recall first; a text holding one word of a long query is an answer, ranked below.
    ResourceFactory(centre=centre, title="Manager d'équipe", body="Encadrer une équipe.")
    ResourceFactory(centre=centre, title="Manager de rayon en magasin", body="Commerce et vente.")
    assert titles(found("manager rayon magasin", centre=centre)) == ["Manager de rayon en magasin", "Manager d'équipe"]
    assert len(found("manager", centre=centre).hits) == 2


def test_when_every_word_fills_a_page_the_looser_match_is_not_added(centre):
    for number in range(3):
        ResourceFactory(centre=centre, title=f"Atelier CV numéro {number}")
    ResourceFactory(centre=centre, title="Atelier de théâtre")
    strict = search.search(SearchQuery(text="atelier cv"), centre=centre, language="fr", per_page=3)
    assert strict.total == 3, "three hold both words: a full page"
    loose = search.search(SearchQuery(text="atelier cv"), centre=centre, language="fr", per_page=10)
    assert loose.total == 4, "a page of ten is not full with them: any word may match"
    assert titles(loose)[-1] == "Atelier de théâtre"


def test_hits_through_an_occupation_do_not_stand_in_for_direct_ones(centre):
    adviser = occupation("ZZ003", fr="Conseiller emploi")
    for title in ("Un", "Deux", "Trois"):
        ResourceFactory(centre=centre, title=title, occupations=[adviser])
    ResourceFactory(centre=centre, title="Le conseiller du soir")
    results = search.search(SearchQuery(text="conseiller emploi"), centre=centre, language="fr", per_page=3)
    assert titles(results)[0] == "Le conseiller du soir", "no text holds both words: any of them will do"
