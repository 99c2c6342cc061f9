from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def _switch(client, language):
    return client.post(reverse("set_language"), {"language": language, "next": reverse("accounts:login")})


@pytest.mark.django_db
def test_pages_are_french_by_default(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="fr"' in content
    assert "Mot de passe oublié ?" in content


@pytest.mark.django_db
def test_switching_to_english_and_back(client):
    response = _switch(client, "en")
    assert response.status_code == 302
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in content
    assert "Forgotten password?" in content
    _switch(client, "fr")
    assert "Se connecter" in client.get(reverse("accounts:login")).content.decode()


def test_both_catalogues_exist():
    assert {path.parent.parent.name for path in CATALOGUES} == {"fr", "en"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.untranslated_entries(), [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [entry.msgid for entry in catalogue.fuzzy_entries()]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_catalogue_keeps_the_placeholders_of_each_message(path):
    for entry in polib.pofile(str(path)).translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            for placeholder in set(__import__("re").findall(r"%\(\w+\)s", entry.msgid)):
                assert placeholder in translation, (entry.msgid, translation)
