from django.core.management.base import BaseCommand

from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.library.models import Resource
from citemetiers.library.services import resources_reindex


class Command(BaseCommand):
    # Run once after a change of how text becomes search terms (library/analysis.py): documents
    # indexed before it hold the old terms, which queries no longer produce.
    help = "Rebuild the search documents of every library resource, in every Cité."

    def handle(self, *args, **options):
        with all_centres_maintenance():
            count = resources_reindex(Resource.objects.order_by("pk").iterator(chunk_size=500))
        self.stdout.write(self.style.SUCCESS(f"Resources reindexed: {count}"))
