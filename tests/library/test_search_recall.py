"""Recall (issue 20): word families, OR semantics and the thesaurus, the same on SQLite and PostgreSQL."""

from citemetiers.library import search
from citemetiers.library.search import SearchQuery
from tests.factories import ResourceFactory


def titles(text, centre, language="fr"):
    results = search.search(SearchQuery(text=text), centre=centre, language=language)
    return [hit.translation.title for hit in results.hits]


def test_a_verb_finds_the_nouns_of_its_family(centre):
    ResourceFactory(centre=centre, title="Permanence création d'activité", body="Un rendez-vous par semaine.")
    ResourceFactory(centre=centre, title="Guide des employeurs du bassin", body="Qui recrute près de chez soi.")
    assert titles("créer", centre) == ["Permanence création d'activité"]
    assert titles("emploi", centre) == ["Guide des employeurs du bassin"]


def test_a_query_of_three_words_finds_a_text_holding_only_one(centre):
    ResourceFactory(centre=centre, title="Mesurer la satisfaction", body="Un court formulaire en fin d'entretien.")
    assert titles("questionnaire satisfaction anonyme", centre) == ["Mesurer la satisfaction"]


def test_a_spanish_query_finds_the_french_business_creation_resource(centre):
    ResourceFactory(centre=centre, title="Permanence création d'activité", body="Un rendez-vous par semaine.")
    ResourceFactory(centre=centre, title="Rédiger son CV", body="Les rubriques d'un CV.")
    assert titles("crear una empresa", centre, language="es") == ["Permanence création d'activité"]


def test_an_english_paraphrase_reaches_the_french_resource_through_the_thesaurus(centre):
    ResourceFactory(centre=centre, title="Permanence création d'activité", body="Un rendez-vous par semaine.")
    ResourceFactory(centre=centre, language="en", title="Writing a CV", body="Sections of a resume.")
    assert titles("start a business", centre, language="en") == ["Permanence création d'activité"]


def test_a_dutch_query_finds_the_french_business_creation_resource(centre):
    ResourceFactory(centre=centre, title="Permanence création d'activité", body="Un rendez-vous par semaine.")
    ResourceFactory(centre=centre, title="Rédiger son CV", body="Les rubriques d'un CV.")
    assert titles("een eigen bedrijf starten", centre, language="en") == ["Permanence création d'activité"]


def test_a_portuguese_query_finds_the_french_working_abroad_resource(centre):
    ResourceFactory(centre=centre, title="Travailler à l'étranger", body="Les démarches avant le départ.")
    ResourceFactory(centre=centre, title="Rédiger son CV", body="Les rubriques d'un CV.")
    assert titles("trabalhar no estrangeiro", centre, language="en") == ["Travailler à l'étranger"]


def test_a_german_compound_finds_the_texts_holding_its_parts(centre):
    ResourceFactory(centre=centre, language="de", title="Das Foto für die Bewerbung", body="Hell, neutral, aktuell.")
    ResourceFactory(centre=centre, language="de", title="Kochen lernen", body="Ein Tag in der Küche.")
    assert titles("Bewerbungsfoto", centre, language="en") == ["Das Foto für die Bewerbung"]


def test_a_dutch_compound_finds_the_texts_holding_its_parts(centre):
    ResourceFactory(centre=centre, language="nl", title="De foto bij je sollicitatie", body="Licht en neutraal.")
    ResourceFactory(centre=centre, language="nl", title="Leren koken", body="Een dag in de keuken.")
    assert titles("sollicitatiefoto", centre, language="en") == ["De foto bij je sollicitatie"]
