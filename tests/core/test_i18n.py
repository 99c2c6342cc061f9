import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation.template import templatize

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))
SOURCES = [Path(settings.BASE_DIR, "citemetiers"), Path(settings.BASE_DIR, "config")]
GETTEXT_FUNCTIONS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATIZED_CALL = re.compile(rf"\b(n?p?gettext)\(((?:\s*{STRING}\s*,?)+)")


def _switch(client, language):
    return client.post(reverse("set_language"), {"language": language, "next": reverse("accounts:login")})


@pytest.mark.django_db
def test_pages_are_french_by_default(client):
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="fr"' in content
    assert "<h1>Se connecter</h1>" in content
    assert "Mot de passe oublié ?" in content


@pytest.mark.django_db
def test_switching_to_english_and_back(client):
    response = _switch(client, "en")
    assert response.status_code == 302
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in content
    assert "<h1>Log in</h1>" in content
    assert "Forgotten password?" in content
    _switch(client, "fr")
    content = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="fr"' in content
    assert "<h1>Se connecter</h1>" in content
    assert "Mot de passe oublié ?" in content


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
            for placeholder in set(re.findall(r"%\(\w+\)s", entry.msgid)):
                assert placeholder in translation, (entry.msgid, translation)


def _message(function: str, strings: list[str]) -> tuple[str | None, str]:
    """(context, msgid) of a gettext call, from its literal arguments."""
    if function.lstrip("_").startswith(("p", "np")):
        return strings[0], strings[1]
    return None, strings[0]


def _python_messages(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call):
            continue
        function = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        strings = []
        for arg in node.args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                break
            strings.append(arg.value)
        if function in GETTEXT_FUNCTIONS and strings:
            yield _message(function, strings)


def _template_messages(path: Path):
    # Django's own conversion of templates for makemessages: every translatable text becomes a gettext call.
    for call in TEMPLATIZED_CALL.finditer(templatize(path.read_text(), origin=str(path))):
        strings = [ast.literal_eval(literal) for literal in re.findall(STRING, call.group(2))]
        yield _message(call.group(1), strings)


def code_messages() -> set[tuple[str | None, str]]:
    messages = set()
    for source in SOURCES:
        for path in source.rglob("*.py"):
            if "migrations" not in path.parts:
                messages |= set(_python_messages(path))
        for path in [*source.rglob("templates/**/*.html"), *source.rglob("templates/**/*.txt")]:
            messages |= set(_template_messages(path))
    return messages


def test_the_message_finder_sees_python_and_template_messages():
    messages = code_messages()
    assert (None, "Log in") in messages  # {% translate %}
    assert (None, "Too many attempts") in messages
    assert ("advice area", "Ticket letter") in messages  # pgettext_lazy
    assert (None, "Choose at least one role.") in messages  # gettext in a service
    assert any(msgid.startswith("Hello %(name)s,") for _context, msgid in messages)  # blocktranslate


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_every_message_of_the_code_is_in_the_catalogue(path):
    """A message added to the code without running makemessages would show in English to French users."""
    catalogue = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}
    missing = sorted(code_messages() - catalogue, key=lambda message: message[1])
    assert not missing, f"Run makemessages and translate: {missing}"
