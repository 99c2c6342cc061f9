import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from citemetiers.accounts.roles import Role
from citemetiers.indicators import jobs
from citemetiers.indicators.imports import history_import
from citemetiers.indicators.models import ActivityReport, ReportStatus
from tests.factories import ActivityReportFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOBS_IN_PROCESS = False


def _text(report) -> str:
    with report.pdf.open("rb") as pdf:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)


def test_the_report_holds_the_years_figures(centre):
    history_import(
        centre=centre, name="h.csv", content=b"month,visits,interviews\n2025-03,1234,567\n", actor=UserFactory()
    )
    report = jobs.report_request(centre=centre, year=2025, actor=UserFactory())
    assert report.status == ReportStatus.QUEUED
    done = jobs.report_run(report.pk)
    assert (done.status, done.progress) == (ReportStatus.DONE, 100)
    text = _text(done)
    assert "Rapport d’activité 2025" in text or "Rapport d'activité 2025" in text
    assert centre.name in text
    assert "1234" in text and "567" in text
    assert "Visites dans le temps" in text


def test_a_report_is_made_once_even_if_two_workers_try(centre):
    report = ActivityReportFactory(centre=centre)
    assert jobs.report_run(report.pk) is not None
    assert jobs.report_run(report.pk) is None


def test_a_failure_is_recorded_not_lost(centre, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "build_report", broken)
    report = jobs.report_run(ActivityReportFactory(centre=centre).pk)
    assert (report.status, report.error) == (ReportStatus.FAILED, "disk full")


def test_the_worker_makes_what_waits_and_requeues_abandoned_reports(centre):
    waiting = ActivityReportFactory(centre=centre)
    abandoned = ActivityReportFactory(
        centre=centre, status=ReportStatus.RUNNING, started_at=timezone.now() - timedelta(hours=1)
    )
    call_command("run_jobs", "--once", stdout=io.StringIO())
    assert {r.status for r in ActivityReport.objects.filter(pk__in=[waiting.pk, abandoned.pk])} == {ReportStatus.DONE}


def test_a_future_year_is_refused(centre):
    from citemetiers.core.errors import DomainError

    with pytest.raises(DomainError):
        jobs.report_request(centre=centre, year=date.today().year + 1, actor=UserFactory())


def test_the_reports_page_shows_progress_then_the_download(client_as, centre):
    client = client_as(Role.COORDINATOR)
    url = reverse("indicators:reports", kwargs={"centre_slug": centre.slug})
    assert client.post(url, {"year": str(timezone.localdate().year - 1)}).status_code == 302
    report = ActivityReport.objects.get()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<progress" in fragment and 'hx-trigger="every 2s"' in fragment
    download = reverse("indicators:report_download", kwargs={"centre_slug": centre.slug, "report_pk": report.pk})
    assert client.get(download).status_code == 404
    jobs.report_run(report.pk)
    response = client.get(download)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "hx-trigger" not in client.get(url, headers={"HX-Request": "true"}).content.decode()
