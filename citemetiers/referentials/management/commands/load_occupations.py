import time

from django.core.management.base import BaseCommand

from citemetiers.referentials.services import occupations_load


class Command(BaseCommand):
    help = (
        "Load the ROME and ESCO occupations shipped in citemetiers/referentials/data (or in --path). "
        "Safe to run again: only what differs is written; occupations dropped from the files are deactivated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", help="A folder of <scheme>….csv.gz files, or one such file.")

    def handle(self, *args, path=None, **options):
        started = time.perf_counter()
        result = occupations_load(path=path, actor=None)
        elapsed = time.perf_counter() - started
        for key in sorted(k for k, v in result.items() if isinstance(v, int)):
            self.stdout.write(f"{key}: {result[key]}")
        for scheme, count in sorted(result["occupations"].items()):
            languages = ", ".join(f"{lang} {n}" for lang, n in sorted(result["labels"].get(scheme, {}).items()))
            self.stdout.write(f"{scheme}: {count} occupations; labels: {languages}")
        self.stdout.write(self.style.SUCCESS(f"Occupations loaded in {elapsed:.1f} s"))
