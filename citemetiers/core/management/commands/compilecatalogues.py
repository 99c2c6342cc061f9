"""Compile the .po catalogues to .mo in pure Python, so that a machine without GNU gettext builds too."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po catalogue to its .mo file."

    def handle(self, *args, **options):
        count = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
                self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated", ending="\n")
        self.stdout.write(self.style.SUCCESS(f"{count} catalogue(s) compiled."))
