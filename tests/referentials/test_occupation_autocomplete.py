import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.referentials.models import Occupation, OccupationLabel
from citemetiers.referentials.selectors import occupations_search, search_text

pytestmark = pytest.mark.django_db


def occupation(code, *labels, scheme="rome"):
    """labels: (language, label, preferred)"""
    made = Occupation.objects.create(scheme=scheme, code=code)
    for language, label, preferred in labels:
        OccupationLabel.objects.create(
            occupation=made, language=language, label=label, is_preferred=preferred, search_text=search_text(label)
        )
    return made


@pytest.fixture
def electricians():
    return occupation(
        "F1602",
        ("fr", "Électricité bâtiment", True),
        ("fr", "Électricien / Électricienne du bâtiment", False),
        ("en", "Building electrician", True),
    )


def test_search_text_ignores_case_accents_and_punctuation():
    assert search_text("  Électricien/Électricienne du BÂTIMENT ") == "electricien electricienne du batiment"


def test_a_label_typed_without_accents_in_another_language_finds_the_occupation(electricians):
    occupation("K2111", ("fr", "Formation professionnelle", True))
    (match,) = occupations_search("electricien", language="fr")
    assert match.occupation == electricians
    assert match.label == "Électricité bâtiment"  # shown in the reader's language
    (english,) = occupations_search("building elec", language="fr")
    assert english.occupation == electricians and english.matched_language == "en"


def test_every_word_must_match_and_one_result_per_occupation(electricians):
    assert occupations_search("electricien plombier", language="fr") == []
    assert len(occupations_search("batiment", language="fr")) == 1


def test_labels_starting_with_the_query_come_first_and_the_limit_holds():
    late = occupation("A1", ("fr", "Aide au soudage", True))
    early = occupation("A2", ("fr", "Soudage manuel", True))
    for n in range(20):
        occupation(f"B{n}", ("fr", f"Métier de soudage {n}", True))
    results = occupations_search("soudage", language="fr", limit=5)
    assert results[0].occupation == early
    assert late not in [match.occupation for match in results[:1]]
    assert len(results) == 5


def test_the_autocomplete_answers_options_to_members_only(client_as, centre, other_centre, electricians):
    client = client_as(Role.ADVISER)
    url = reverse("referentials:occupation_autocomplete", kwargs={"centre_slug": centre.slug})
    options = client.get(url, {"q": "électr"}).content.decode()
    assert f'data-value="{electricians.pk}"' in options and 'role="option"' in options
    assert 'aria-disabled="true"' in client.get(url, {"q": "zzzz"}).content.decode()
    assert "option" not in client.get(url, {"q": "e"}).content.decode()
    other = reverse("referentials:occupation_autocomplete", kwargs={"centre_slug": other_centre.slug})
    assert client.get(other, {"q": "élec"}).status_code == 404
