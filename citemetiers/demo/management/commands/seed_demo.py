from django.core.management.base import BaseCommand

from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.demo.network import DEMO_PASSWORD, demo_logins, seed_demo


class Command(BaseCommand):
    help = "Build the demo network of Cités (idempotent) and print its logins."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when any Cité already exists.")
        parser.add_argument(
            "--months", type=int, default=13, help="Months of past activity for each Cité (default 13; 0 for none)."
        )

    def handle(self, *args, if_empty=False, months=13, **options):
        from citemetiers.centres.models import Centre

        if if_empty and Centre.objects.exists():
            self.stdout.write("The database already holds Cités: demo data left as it is.")
        else:
            with all_centres_maintenance():
                # The demo network is made above every Cité: it writes all of them at once.
                seed_demo(history_months=months)
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for login in demo_logins():
            self.stdout.write(f"  {login.email:<48} {login.what}")
