import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from citemetiers.accounts.roles import Role
from citemetiers.indicators import jobs, report_pdf, tasks
from citemetiers.indicators.imports import history_import
from citemetiers.indicators.models import ActivityReport, ReportStatus
from tests.factories import ActivityReportFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _text(report) -> str:
    with report.pdf.open("rb") as pdf:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)


def _coordinator(centre):
    return MembershipFactory(centre=centre, coordinator=True).user


def test_the_report_holds_the_years_figures(centre):
    history_import(
        centre=centre,
        name="h.csv",
        content=b"month,visits,interviews\n2025-03,1234,567\n",
        actor=MembershipFactory(centre=centre, coordinator=True).user,
    )
    report = jobs.report_request(centre=centre, year=2025, actor=_coordinator(centre))
    assert report.status == ReportStatus.QUEUED
    done = jobs.report_run(report.pk)
    assert (done.status, done.progress) == (ReportStatus.DONE, 100)
    text = _text(done)
    assert "Rapport d’activité 2025" in text or "Rapport d'activité 2025" in text
    assert centre.name in text
    # Thousands grouped as French writes them (a no-break space, read back from the PDF as a space).
    assert re.search(r"1[\s\u00a0]234", text) and "567" in text
    assert "Visites dans le temps" in text


def test_a_report_is_made_once_even_if_two_workers_try(centre):
    report = ActivityReportFactory(centre=centre)
    assert jobs.report_run(report.pk) is not None
    assert jobs.report_run(report.pk) is None


def test_a_failure_is_recorded_not_lost(centre, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_pdf, "build_report", broken)
    report = jobs.report_run(ActivityReportFactory(centre=centre).pk)
    assert (report.status, report.error) == (ReportStatus.FAILED, "disk full")


def test_the_worker_makes_what_waits_and_requeues_abandoned_reports(centre):
    waiting = ActivityReportFactory(centre=centre)
    abandoned = ActivityReportFactory(
        centre=centre, status=ReportStatus.RUNNING, started_at=timezone.now() - timedelta(hours=1)
    )
    # The task of the waiting one runs; the scheduled sweep finds the abandoned one and enqueues it again.
    tasks.report_make.enqueue(report_id=waiting.pk, centre_id=centre.pk)
    call_command("run_scheduled", stdout=io.StringIO())
    assert {r.status for r in ActivityReport.objects.filter(pk__in=[waiting.pk, abandoned.pk])} == {ReportStatus.DONE}


def test_a_future_year_is_refused(centre):
    from citemetiers.core.errors import DomainError

    with pytest.raises(DomainError):
        jobs.report_request(centre=centre, year=date.today().year + 1, actor=_coordinator(centre))


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


def _year_of_figures(centre, year=2025):
    """June: 1,234 visits and 6.5 % of called visitors absent (13 of 200); July: 20 visits."""
    from citemetiers.indicators.models import DailyCount
    from citemetiers.indicators.services import months_rollup

    history_import(
        centre=centre,
        name="h.csv",
        content=f"month,visits\n{year}-06,1234\n{year}-07,20\n".encode(),
        actor=MembershipFactory(centre=centre, coordinator=True).user,
    )
    june = date(year, 6, 1)
    DailyCount.objects.bulk_create(
        DailyCount(centre=centre, day=june, metric="status", key=key, value=value, imported=True)
        for key, value in (("done", 187), ("no_show", 13))
    )
    months_rollup(centre=centre, months=[june])


def _report_text(centre, year=2025) -> str:
    report = jobs.report_request(centre=centre, year=year, actor=_coordinator(centre))
    return _text(jobs.report_run(report.pk))


def test_the_french_report_writes_numbers_and_months_the_french_way(centre):
    _year_of_figures(centre)
    text = _report_text(centre)
    assert "6,5" in text and "6.5" not in text
    assert re.search(r"1[\s\u00a0]234", text)
    assert "juin 2025" in text
    # The chart's months, abbreviated as French writes them: juin and juillet stay apart.
    assert "juil." in text and "janv." in text


def test_the_english_report_writes_numbers_and_months_the_english_way(centre):
    centre.languages = ["en"]
    centre.save()
    _year_of_figures(centre)
    text = _report_text(centre)
    assert "6.5" in text
    assert "1,234" in text
    assert "June 2025" in text
    assert "Jul" in text and "juil." not in text


@pytest.mark.parametrize(("languages", "name"), [(["fr"], "rapport-activite"), (["en", "fr"], "activity-report")])
def test_the_downloaded_file_is_named_in_the_cites_language(client_as, centre, languages, name):
    centre.languages = languages
    centre.save()
    client = client_as(Role.COORDINATOR)
    report = jobs.report_run(jobs.report_request(centre=centre, year=2025, actor=_coordinator(centre)).pk)
    download = reverse("indicators:report_download", kwargs={"centre_slug": centre.slug, "report_pk": report.pk})
    disposition = client.get(download)["Content-Disposition"]
    assert disposition == f'attachment; filename="{name}-{centre.slug}-2025.pdf"'


def test_the_reports_page_offers_the_last_year_with_data(client_as, centre):
    year = timezone.localdate().year - 3
    _year_of_figures(centre, year=year)
    client = client_as(Role.COORDINATOR)
    form = client.get(reverse("indicators:reports", kwargs={"centre_slug": centre.slug})).context["form"]
    assert form["year"].value() == year


def test_the_reports_page_offers_last_year_when_there_is_no_data(client_as, centre):
    client = client_as(Role.COORDINATOR)
    form = client.get(reverse("indicators:reports", kwargs={"centre_slug": centre.slug})).context["form"]
    assert form["year"].value() == timezone.localdate().year - 1


def test_asking_for_a_report_makes_it_in_the_background_once_committed(centre, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = jobs.report_request(centre=centre, year=2025, actor=_coordinator(centre))
    report.refresh_from_db()
    assert (report.status, report.progress) == (ReportStatus.DONE, 100)


def test_a_report_task_does_not_make_another_cites_report(centre, other_centre):
    report = ActivityReportFactory(centre=centre)
    tasks.report_make.enqueue(report_id=report.pk, centre_id=other_centre.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED


def test_a_report_whose_task_was_lost_is_enqueued_again_by_the_sweep(centre):
    """A report queued long ago with no task (the old queue, a backend switched) is made all the same."""
    lost = ActivityReportFactory(centre=centre, requested_at=timezone.now() - timedelta(hours=1))
    tasks.reports_requeue_stale.enqueue()
    lost.refresh_from_db()
    assert lost.status == ReportStatus.DONE


@pytest.mark.parametrize("who", ["adviser", "coordinator of another Cité"])
def test_only_a_coordinator_of_the_cite_has_its_report_made(centre, who):
    """The service checks indicators.perms.can_make_reports itself, whoever calls it."""
    from citemetiers.core.errors import NotPermitted

    if who == "adviser":
        actor = MembershipFactory(centre=centre, roles=[Role.ADVISER]).user
    else:
        actor = MembershipFactory(coordinator=True).user
    with pytest.raises(NotPermitted):
        jobs.report_request(centre=centre, year=2025, actor=actor)
    assert not ActivityReport.objects.exists()
