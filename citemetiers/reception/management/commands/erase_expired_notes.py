from django.core.management.base import BaseCommand

from citemetiers.centres.models import Centre
from citemetiers.centres.tenancy import centre_scope
from citemetiers.reception.interviews import interview_notes_erase_expired


class Command(BaseCommand):
    help = "Erase interview notes older than each Cité's retention period (run daily)."

    def handle(self, *args, **options):
        total = 0
        for centre in Centre.objects.all():
            with centre_scope(centre):
                erased = interview_notes_erase_expired(centre=centre)
            total += erased
            if erased:
                self.stdout.write(f"{centre.slug}: {erased}")
        self.stdout.write(self.style.SUCCESS(f"Notes erased: {total}"))
