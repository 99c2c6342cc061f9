import time

from django.core.management.base import BaseCommand

from citemetiers.centres.tenancy import all_centres_maintenance
from citemetiers.indicators.jobs import next_queued, report_run
from citemetiers.rosters.services import next_queued_proposal, proposal_run


class Command(BaseCommand):
    help = "The background worker: makes the activity reports and roster proposals asked for, one after the other."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Make what is waiting, then stop.")
        parser.add_argument("--sleep", type=float, default=2.0, help="Seconds between looks at the queue.")

    def handle(self, *args, once=False, sleep=2.0, **options):
        with all_centres_maintenance():
            # The queue holds every Cité's jobs; until each job body enters its Cité's scope itself
            # (citemetiers.centres.tenancy.centre_scope, with the tasks framework), the worker reads
            # across Cités.
            self._loop(once=once, sleep=sleep)

    def _loop(self, *, once, sleep):
        while True:
            report_pk = next_queued()
            if report_pk is not None:
                report = report_run(report_pk)
                if report is not None:
                    self.stdout.write(f"Report {report_pk}: {report.status}")
                continue
            proposal_pk = next_queued_proposal()
            if proposal_pk is not None:
                proposal = proposal_run(proposal_pk)
                if proposal is not None:
                    self.stdout.write(f"Roster proposal {proposal_pk}: {proposal.status}")
                continue
            if once:
                return
            time.sleep(sleep)
