import importlib
import re

import pytest
from django.apps import apps as django_apps

from citemetiers.referentials.loading import read_rows
from citemetiers.referentials.models import Occupation, OccupationLabel, Scheme

ROME_CODE = re.compile(r"^[A-N]\d{4}$")
ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")


@pytest.fixture(scope="module")
def rows():
    return read_rows()


def test_every_shipped_rome_code_is_a_rome_code(rows):
    codes = {row.code for row in rows if row.scheme == "rome"}
    assert len(codes) == 1584  # ROME 4.0
    assert all(ROME_CODE.match(code) for code in codes)


def test_every_shipped_esco_code_is_an_esco_occupation_uri(rows):
    codes = {row.code for row in rows if row.scheme == "esco"}
    assert len(codes) > 2900
    assert all(ESCO_URI.match(code) for code in codes)


def test_every_shipped_occupation_has_exactly_one_preferred_label_per_language(rows):
    preferred = {}
    for row in rows:
        assert row.label and row.language
        if row.preferred:
            key = (row.scheme, row.code, row.language)
            assert key not in preferred, key
            preferred[key] = row.label
    assert {(row.scheme, row.code) for row in rows} == {(scheme, code) for scheme, code, _ in preferred}


def test_loading_twice_changes_nothing(shipped):
    counts = (Occupation.objects.count(), OccupationLabel.objects.count())
    assert shipped["occupations"] == {"rome": 1584, "esco": Occupation.objects.filter(scheme=Scheme.ESCO).count()}
    from citemetiers.referentials.services import occupations_load

    again = occupations_load()
    assert (Occupation.objects.count(), OccupationLabel.objects.count()) == counts
    assert again["occupations_created"] == again["labels_created"] == again["labels_updated"] == 0
    assert again["labels_deleted"] == again["occupations_deactivated"] == 0


def test_the_migration_already_loaded_the_referentials(db, settings):
    """Every database gets them from `migrate`; the test databases are built without them
    (REFERENTIALS_LOAD_IN_MIGRATIONS), so the migration's step is run here as migrate runs it."""
    migration = importlib.import_module("citemetiers.referentials.migrations.0002_load_occupations")
    settings.REFERENTIALS_LOAD_IN_MIGRATIONS = False
    migration.load(django_apps, None)
    assert not Occupation.objects.exists()
    settings.REFERENTIALS_LOAD_IN_MIGRATIONS = True
    migration.load(django_apps, None)
    assert Occupation.objects.filter(scheme=Scheme.ROME, code="A1101").exists()
