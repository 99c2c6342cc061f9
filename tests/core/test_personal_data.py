"""The personal-data guard, on a list of texts that must be refused and texts that must pass."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from citemetiers.core.personal_data import find_personal_data, highlight, no_personal_data

TODAY = date(2026, 11, 25)

POSITIVE = [
    ("Écrire à jean.dupont@gmail.com pour le suivi", "email", "jean.dupont@gmail.com"),
    ("mail: Marie.Curie+cv@orange.fr", "email", "Marie.Curie+cv@orange.fr"),
    ("adresse marie (at) wanadoo.fr", "email", "marie (at) wanadoo.fr"),
    ("le rappeler au 06 12 34 56 78", "phone", "06 12 34 56 78"),
    ("tel 0612345678", "phone", "0612345678"),
    ("portable 06.12.34.56.78 le soir", "phone", "06.12.34.56.78"),
    ("fixe 01-40-05-70-00", "phone", "01-40-05-70-00"),
    ("joignable au +33 6 12 34 56 78", "phone", "+33 6 12 34 56 78"),
    ("standard +33 (0)1 40 05 70 00", "phone", "+33 (0)1 40 05 70 00"),
    ("numéro 0033612345678", "phone", "0033612345678"),
    ("en Suisse: +41 22 123 45 67", "phone", "+41 22 123 45 67"),
    ("à Montréal +1 (514) 555-0199", "phone", "+1 (514) 555-0199"),
    ("à Londres +44 20 7946 0958", "phone", "+44 20 7946 0958"),
    ("NIR 1 85 03 75 116 001 27 transmis", "nir", "1 85 03 75 116 001 27"),
    ("sécu 185037511600127", "nir", "185037511600127"),
    ("numéro de sécu 2 91 12 2A 004 015", "nir", "2 91 12 2A 004 015"),
    ("RIB FR76 3000 6000 0112 3456 7890 189 pour l'aide", "iban", "FR76 3000 6000 0112 3456 7890 189"),
    ("IBAN DE89370400440532013000", "iban", "DE89370400440532013000"),
    ("née le 12/03/1985 à Lyon", "birth_date", "12/03/1985"),
    ("date de naissance : 1985-03-12", "birth_date", "1985-03-12"),
    ("il est né le 3 juin 2001", "birth_date", "3 juin 2001"),
    ("born 3 June 1990 in Leeds", "birth_date", "3 June 1990"),
    ("DOB 01.02.03", "birth_date", "01.02.03"),
    ("visiteur du 14/07/1972, reconversion", "birth_date", "14/07/1972"),
    ("habite 12 rue de la Paix", "address", "12 rue de la"),
    ("domicile: 3 bis avenue Jean Jaurès", "address", "3 bis avenue Jean"),
    ("au 45, bd Voltaire", "address", "45, bd Voltaire"),
    ("lives at 221B Baker Street", "address", "221B Baker Street"),
    ("vit à 75019 Paris depuis peu", "address", "75019 Paris"),
    ("quartier 13001 Marseille", "address", "13001 Marseille"),
]

NEGATIVE = [
    "Projet de reconversion vers l'aide à domicile, code ROME K1302.",
    "Orienté vers le pôle B (trouver un emploi) et l'atelier CV du 12/03/2026.",
    "Rendez-vous pris pour le 02/12/2026 à 14:30.",
    "Ouvert de 09:00 à 12:30 puis de 13:30 à 17:00.",
    "Ticket A-014, entretien de 45 min, satisfaction 5/5.",
    "Souhaite une formation de 400 heures, budget 1 800 euros, bac+2.",
    "Expérience de 12 ans dans le BTP, cherche un poste de chef d'équipe.",
    "Né en 1985, situation: demandeur d'emploi depuis 2024.",
    "Ressource: https://www.francetravail.fr/candidat/formations.html",
    "ESCO http://data.europa.eu/esco/occupation/114e1eff-215e-47df-8e10-45a5b72f8197",
    "Conseillé de contacter la CCI et la Chambre de métiers.",
    "Le salon de l'emploi aura lieu le 3 mars 2027 au parc des expositions.",
    "Parcours 2023-2025 en alternance, 3 ateliers suivis.",
    "A travaillé 10 ans au Canada, souhaite revenir en France.",
    "Département 75, région Île-de-France.",
    "Catégorie A, niveau 4, 35 heures par semaine.",
    "",
]


@pytest.mark.parametrize(("text", "kind", "excerpt"), POSITIVE, ids=[text for text, _, _ in POSITIVE])
def test_personal_data_is_found(text, kind, excerpt):
    findings = find_personal_data(text, today=TODAY)
    assert [(finding.kind, finding.text) for finding in findings] == [(kind, excerpt)]


@pytest.mark.parametrize("text", NEGATIVE)
def test_ordinary_notes_pass(text):
    assert find_personal_data(text, today=TODAY) == []


def test_a_nir_with_a_wrong_key_is_not_taken_for_one():
    assert not [finding for finding in find_personal_data("185037511600128", today=TODAY) if finding.kind == "nir"]


def test_an_iban_with_a_wrong_checksum_is_not_taken_for_one():
    assert not [f for f in find_personal_data("FR77 3000 6000 0112 3456 7890 189", today=TODAY) if f.kind == "iban"]


def test_several_findings_are_all_reported_in_order():
    text = "Mme X, 06 12 34 56 78, x@y.fr, née le 01/01/1970"
    assert [finding.kind for finding in find_personal_data(text, today=TODAY)] == ["phone", "email", "birth_date"]


def test_the_validator_names_what_to_remove():
    with pytest.raises(ValidationError) as error:
        no_personal_data("rappeler au 06 12 34 56 78")
    message = error.value.messages[0]
    assert "06 12 34 56 78" in message
    assert error.value.code == "personal_data"


def test_the_validator_accepts_clean_text():
    no_personal_data("Souhaite se reconvertir dans le numérique.")


def test_highlight_marks_the_findings_and_escapes_the_rest():
    text = "<b>appel</b> 06 12 34 56 78"
    marked = highlight(text, find_personal_data(text, today=TODAY))
    assert marked.startswith("&lt;b&gt;appel&lt;/b&gt; <mark")
    assert ">06 12 34 56 78</mark>" in marked
