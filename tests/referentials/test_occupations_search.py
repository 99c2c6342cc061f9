import pytest

from citemetiers.referentials.loading import search_text
from citemetiers.referentials.models import Occupation, OccupationLabel
from citemetiers.referentials.selectors import occupations_by_ids, occupations_search

pytestmark = pytest.mark.django_db


def codes(matches):
    return [match.code for match in matches]


def test_search_text_ignores_case_accents_and_punctuation():
    assert search_text("  Électricien/Électricienne du BÂTIMENT ") == "electricien electricienne du batiment"
    assert search_text("Conducteur / Conductrice d'engins -TIG-") == "conducteur conductrice d engins tig"


def test_a_query_without_accents_finds_the_accented_label(shipped):
    matches = occupations_search("electricien", language="fr")
    assert "F1602" in codes(matches)  # Electricien / Electricienne du bâtiment
    assert occupations_search("électricien", language="fr") == matches
    assert codes(occupations_search("developpeur", language="fr"))[:1] != []
    assert all("Développeur" in match.label for match in occupations_search("developpeur", language="fr")[:3])


def test_an_english_word_finds_the_esco_occupation(shipped):
    (first, *_) = occupations_search("electrician", language="fr")
    assert first.occupation.scheme == "esco" and first.matched_language == "en"
    assert first.code.startswith("http://data.europa.eu/esco/occupation/")
    assert first.label == "electrician"  # no French label shipped for it: English is the fallback


def test_every_word_of_the_query_must_match(shipped):
    matches = occupations_search("conducteur engins agricoles", language="fr")
    assert codes(matches)[0] == "A1101"
    assert all({"conducteur", "engins", "agricoles"} <= set(search_text(m.matched_label).split()) for m in matches)
    assert occupations_search("electricien boulanger", language="fr") == []


def test_labels_starting_with_the_query_come_before_labels_merely_containing_it(shipped):
    matches = occupations_search("boulanger", language="fr")
    assert codes(matches)[:2] == ["D1102", "D1108"]  # "Boulanger / Boulangère", then "Chef boulanger"


def test_the_limit_holds_and_each_occupation_comes_once(shipped):
    matches = occupations_search("technicien", language="fr", limit=7)
    assert len(matches) == 7
    assert len({match.occupation.pk for match in matches}) == 7


def test_a_preferred_label_ranks_above_an_alternative_one(db):
    alternative = Occupation.objects.create(scheme="rome", code="Z9001")
    OccupationLabel.objects.create(
        occupation=alternative, language="fr", label="Zorgliste", is_preferred=True, search_text="zorgliste"
    )
    OccupationLabel.objects.create(
        occupation=alternative, language="fr", label="Quaxeur zorgliste", search_text="quaxeur zorgliste"
    )
    preferred = Occupation.objects.create(scheme="rome", code="Z9002")
    OccupationLabel.objects.create(
        occupation=preferred, language="fr", label="Quaxeur", is_preferred=True, search_text="quaxeur"
    )
    matches = occupations_search("quaxeur", language="fr")
    assert [m.occupation for m in matches] == [preferred, alternative]
    assert matches[1].matched_label == "Quaxeur zorgliste" and matches[1].label == "Zorgliste"


def test_inactive_occupations_are_not_offered(shipped):
    Occupation.objects.filter(code="D1102").update(is_active=False)
    assert "D1102" not in codes(occupations_search("boulanger", language="fr"))


def test_an_empty_query_finds_nothing(shipped):
    assert occupations_search(" - ", language="fr") == []


def test_chosen_occupations_are_shown_in_the_given_order_and_language(shipped):
    rome = Occupation.objects.get(scheme="rome", code="A1101")
    esco = occupations_search("electrician", language="en")[0].occupation
    shown = occupations_by_ids([str(esco.pk), "not-an-id", rome.pk, 0], "en")
    assert [match.occupation for match in shown] == [esco, rome]
    assert shown[1].label == "Conducteur / Conductrice d'engins agricoles"  # French is the fallback


def test_a_non_ascii_digit_is_not_taken_for_an_occupation_id(db):
    """A superscript two passes isdigit() but not int(): it is an unknown id, not a crash."""
    assert occupations_by_ids(["²", "9" * 400], "fr") == []
