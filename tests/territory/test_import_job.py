"""The directory's import as a background job: its page shows progress, counts and each line's error."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.background import JobStatus
from citemetiers.territory.models import DirectoryImport, Service
from tests.territory.test_interchange import SERVICE, STRUCTURE

pytestmark = pytest.mark.django_db


def upload(client, centre, structures, services, fmt="json"):
    return client.post(
        reverse("territory:import_new", kwargs={"centre_slug": centre.slug}),
        {
            "format": fmt,
            "structures": SimpleUploadedFile("structures.json", structures),
            "services": SimpleUploadedFile("services.json", services),
        },
    )


def dump(*records) -> bytes:
    return json.dumps(list(records)).encode()


def test_a_clean_extract_is_imported_in_the_background_and_its_page_shows_the_counts(
    client_as, centre, django_capture_on_commit_callbacks
):
    client = client_as(Role.PARTNERSHIPS)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, centre, dump(STRUCTURE), dump(SERVICE))
    job = DirectoryImport.objects.get(centre=centre)
    assert response.status_code == 302 and response["Location"].endswith(f"/territory/imports/{job.pk}/")
    assert (job.status, job.progress, job.created, job.structures, job.services) == (JobStatus.DONE, 100, 2, "", "")
    assert Service.objects.filter(centre=centre, name=SERVICE["nom"]).exists()
    assert client.get(response["Location"]).context["job"] == job


def test_a_bad_row_is_listed_with_its_line_on_the_page_and_nothing_is_imported(
    client_as, centre, django_capture_on_commit_callbacks
):
    client = client_as(Role.COORDINATOR)
    bad = {**SERVICE, "id": "dora--2", "horaires_accueil": "tous les jours"}
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, centre, dump(STRUCTURE), dump(SERVICE, bad))
    job = DirectoryImport.objects.get(centre=centre)
    assert job.status == JobStatus.FAILED and not Service.objects.filter(centre=centre).exists()
    [error] = job.row_errors
    assert "2" in error and "horaires_accueil" in error
    assert html.escape(error) in client.get(response["Location"]).content.decode()


def test_a_file_that_is_not_utf8_shows_the_form_again(client_as, centre):
    response = upload(client_as(Role.COORDINATOR), centre, "Mission é".encode("latin-1"), b"[]")
    assert response.status_code == 200 and not DirectoryImport.objects.exists()
