"""A job's row is written only by the attempt that holds it: a worker thought dead, whose job was
requeued and made again, cannot overwrite the new attempt's result when it wakes up."""

from datetime import timedelta

from citemetiers.core.background import job_claim, job_done, job_failed, job_progress, jobs_requeue_stale
from citemetiers.indicators.models import ActivityReport, ReportStatus
from citemetiers.rosters.models import Proposal, ProposalStatus
from tests.factories import ActivityReportFactory, ProposalFactory


def _requeued_and_made_again(model, pk):
    first = job_claim(model, pk)
    assert jobs_requeue_stale(model, after=timedelta(0)) == [pk]  # the first worker looks dead
    second = job_claim(model, pk)
    assert job_done(model, pk, second)
    return first


def test_a_late_worker_cannot_overwrite_the_report_made_by_the_next_attempt(centre):
    report = ActivityReportFactory(centre=centre)
    first = _requeued_and_made_again(ActivityReport, report.pk)

    job_progress(ActivityReport, report.pk, first)(40)
    assert not job_done(ActivityReport, report.pk, first)
    job_failed(ActivityReport, report.pk, first, RuntimeError("the late worker's own failure"))

    report.refresh_from_db()
    assert (report.status, report.progress, report.error) == (ReportStatus.DONE, 100, "")


def test_a_late_worker_cannot_bring_a_published_proposal_back_to_ready(centre):
    proposal = ProposalFactory(centre=centre, status=ProposalStatus.QUEUED)
    first = _requeued_and_made_again(Proposal, proposal.pk)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.PUBLISHED)

    assert not job_done(Proposal, proposal.pk, first, result={"late": True})

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PUBLISHED and proposal.result != {"late": True}
