"""The diagnostic's upload page: the zones and the labour figures sent from the page, imported in the
background with progress, every bad line listed on the job's page, nothing written until the file is clean."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.background import JobStatus
from citemetiers.territory.models import DiagnosticImport, LabourFigure, Zone
from tests.territory.test_diagnostic import FIGURES, ZONES

pytestmark = pytest.mark.django_db


def send(client, centre, kind, text, **fields):
    return client.post(
        reverse("territory:diagnostic_import_new", kwargs={"centre_slug": centre.slug}),
        {"kind": kind, "file": SimpleUploadedFile(f"{kind}.csv", text.encode()), **fields},
    )


def test_a_zones_file_sent_from_the_page_is_imported_in_the_background_and_its_page_shows_the_count(
    client_as, centre, django_capture_on_commit_callbacks
):
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, centre, "zones", ZONES)
    job = DiagnosticImport.objects.get(centre=centre)
    assert response.status_code == 302 and response["Location"].endswith(f"/territory/diagnostic/imports/{job.pk}/")
    assert (job.status, job.progress, job.imported, job.text) == (JobStatus.DONE, 100, 3, "")
    assert Zone.objects.filter(centre=centre).count() == 3
    assert client.get(response["Location"]).context["job"] == job


def test_labour_figures_sent_from_the_page_keep_their_source_and_date(
    client_as, centre, member, django_capture_on_commit_callbacks
):
    client = client_as(Role.PARTNERSHIPS)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, centre, "zones", ZONES)
        send(client, centre, "figures", FIGURES, source="France Travail, BMO 2026", source_date="2026-04-15")
    figure = LabourFigure.objects.get(centre=centre, zone__code="69", indicator="offers")
    assert (figure.value, figure.source, str(figure.source_date)) == (3100, "France Travail, BMO 2026", "2026-04-15")


def test_a_figures_file_needs_its_source_and_date_and_the_form_says_so(client_as, centre):
    response = send(client_as(Role.COORDINATOR), centre, "figures", FIGURES)
    assert response.status_code == 200 and set(response.context["form"].errors) == {"source", "source_date"}
    assert not DiagnosticImport.objects.exists()


def test_every_bad_line_is_listed_on_the_job_page_and_nothing_is_imported(
    client_as, centre, django_capture_on_commit_callbacks
):
    client = client_as(Role.COORDINATOR)
    text = "kind,code,name\ndepartement,69,Rhône\nplanet,3,Terre\ncommune,,Sans code\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, centre, "zones", text)
    job = DiagnosticImport.objects.get(centre=centre)
    assert job.status == JobStatus.FAILED and not Zone.objects.exists()
    [kind, code] = job.row_errors
    assert ("3" in kind and "kind" in kind) and ("4" in code and "code" in code)
    page = client.get(response["Location"]).content.decode()
    assert all(html.escape(error) in page for error in job.row_errors)


def test_a_source_holding_a_person_s_contact_is_refused_by_the_guard(client_as, centre):
    response = send(
        client_as(Role.COORDINATOR), centre, "figures", FIGURES, source="Appeler 06 12 34 56 78",
        source_date="2026-04-15",
    )  # fmt: skip
    assert response.status_code == 200 and "source" in response.context["form"].errors
    assert not DiagnosticImport.objects.exists()


def test_a_file_that_is_not_utf8_shows_the_form_again(client_as, centre):
    response = client_as(Role.COORDINATOR).post(
        reverse("territory:diagnostic_import_new", kwargs={"centre_slug": centre.slug}),
        {"kind": "zones", "file": SimpleUploadedFile("zones.csv", "Rhône".encode("latin-1"))},
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors


def test_a_job_of_another_cite_answers_404(client_as, centre, other_centre):
    from tests.territory.factories import DiagnosticImportFactory

    job = DiagnosticImportFactory(centre=other_centre)
    url = reverse("territory:diagnostic_import", kwargs={"centre_slug": centre.slug, "diagnostic_import_pk": job.pk})
    assert client_as(Role.COORDINATOR).get(url).status_code == 404


def test_the_import_reports_its_progress_while_it_reads(centre, member):
    from citemetiers.territory import diagnostic

    seen = []
    diagnostic.zones_import(centre=centre, text=ZONES, actor=member(Role.COORDINATOR).user, progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] <= 100


def test_a_stale_job_is_enqueued_again(centre, member):
    import datetime as dt

    from django.utils import timezone

    from citemetiers.territory import tasks
    from tests.territory.factories import DiagnosticImportFactory

    job = DiagnosticImportFactory(
        centre=centre, requested_by=member(Role.COORDINATOR).user, text=ZONES,
        requested_at=timezone.now() - dt.timedelta(hours=1),
    )  # fmt: skip
    assert tasks.directory_imports_requeue_stale.call() == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and Zone.objects.filter(centre=centre).count() == 3


def test_reception_may_not_upload(client_as, centre):
    assert send(client_as(Role.RECEPTION), centre, "zones", ZONES).status_code == 403
    assert not DiagnosticImport.objects.exists()


def test_the_zones_shapes_sent_from_the_page_are_drawn(client_as, centre, django_capture_on_commit_callbacks):
    from tests.territory.test_choropleth import shapes, square

    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, centre, "zones", ZONES)
        send(client, centre, "shapes", shapes(("69", square(4, 45))))
    job = DiagnosticImport.objects.get(centre=centre, kind="shapes")
    assert (job.status, job.imported) == (JobStatus.DONE, 1)
    assert Zone.objects.get(centre=centre, kind="departement", code="69").shape == square(4, 45)
