from django.core.management.base import BaseCommand

from citemetiers.core.schedule import REGISTRY, scheduled_enqueue


class Command(BaseCommand):
    help = "Enqueue the periodic tasks that are due (nightly closing, note erasure, …); run it every few minutes."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Only list the periodic tasks and their schedule.")

    def handle(self, *args, list=False, **options):
        if list:
            for entry in sorted(REGISTRY.values(), key=lambda e: e.name):
                when = f"daily at {entry.daily_at:%H:%M}" if entry.daily_at else f"every {entry.every}"
                self.stdout.write(f"{entry.name}: {when}")
            return
        for name in scheduled_enqueue():
            self.stdout.write(f"Enqueued: {name}")
