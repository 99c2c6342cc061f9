from django.core.management.base import BaseCommand
from django.utils import timezone

from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import all_centres_maintenance, centre_scope
from citemetiers.core.idempotency import idempotency_keys_purge
from citemetiers.reception.ticketing import service_date, tickets_close_day


class Command(BaseCommand):
    help = (
        "Close yesterday (and earlier) in every Cité: tickets still waiting or called become "
        "“left without being seen”. Run it at night; --today also closes the current day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", action="store_true", help="Also close the current day of each Cité.")

    def handle(self, *args, today=False, **options):
        now = timezone.now()
        total = 0
        for centre in Centre.objects.active():
            day = service_date(centre, now)
            if not today:
                day = day.fromordinal(day.toordinal() - 1)
            with centre_scope(centre):
                closed = tickets_close_day(centre=centre, day=day, actor=None, now=now)
            total += closed
            if closed:
                self.stdout.write(f"{centre.slug}: {closed}")
        self.stdout.write(self.style.SUCCESS(f"Tickets closed: {total}"))
        # The consoles' idempotency keys only need to outlive a double click or a resent form.
        with all_centres_maintenance():
            # Expired keys are forgotten in every Cité at once: one DELETE by date, no Cité's data read.
            purged = idempotency_keys_purge(now=now)
        self.stdout.write(f"Idempotency keys forgotten: {purged}")
