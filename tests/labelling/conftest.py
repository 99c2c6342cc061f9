import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _in_english(client):
    """The assertions read the English words of the refusals and pages (the catalogue's French is
    checked by tests/core/test_i18n.py)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
