from django.core.management.base import BaseCommand

from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import centre_scope
from citemetiers.indicators.services import rebuild, refresh_changed


class Command(BaseCommand):
    help = "Compute the aggregates of the days changed since the last run; --rebuild recomputes everything."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild", dest="everything", action="store_true", help="Recompute every day of every Cité."
        )
        parser.add_argument("--centre", help="Only this Cité (its short name).")

    def handle(self, *args, everything=False, centre=None, **options):
        centres = Centre.objects.all() if centre is None else Centre.objects.filter(slug=centre)
        compute = rebuild if everything else refresh_changed
        days = 0
        for c in centres:
            with centre_scope(c):
                days += compute(centre=c)
        self.stdout.write(self.style.SUCCESS(f"Days computed: {days}"))
