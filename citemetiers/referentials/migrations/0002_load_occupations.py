"""Give every database the shipped ROME and ESCO occupations.

Later updates of the files are loaded with `manage.py load_occupations` (idempotent), not by
editing this migration. The test settings turn the loading off (REFERENTIALS_LOAD_IN_MIGRATIONS):
most tests need no occupation, and the few that do load them through a fixture.
"""

from django.conf import settings
from django.db import migrations


def load(apps, schema_editor):
    if not getattr(settings, "REFERENTIALS_LOAD_IN_MIGRATIONS", True):
        return
    from citemetiers.referentials import loading

    loading.upsert(
        apps.get_model("referentials", "Occupation"),
        apps.get_model("referentials", "OccupationLabel"),
        loading.read_rows(),
    )


class Migration(migrations.Migration):
    dependencies = [("referentials", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=True)]
