"""Every stored file is served by a view that checks who asks, never from a public folder.

One test per kind of stored file (activity report, library file) and situation; the helper's
two modes (streamed, or handed to nginx through X-Accel-Redirect) are pinned on both kinds.
"""

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.library import services as library_services
from citemetiers.library.vocab import Visibility
from tests.factories import ActivityReportFactory, MembershipFactory, ResourceFactory, UserFactory
from tests.library.files import pdf_file

NGINX_CONF = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"


def _report(centre):
    report = ActivityReportFactory(centre=centre, done=True)
    url = reverse("indicators:report_download", kwargs={"centre_slug": centre.slug, "report_pk": report.pk})
    return report.pdf, url


def _library_file(centre, visibility=Visibility.CENTRE, content=None):
    resource = ResourceFactory(centre=centre, visibility=visibility)
    upload = SimpleUploadedFile("Fiche métier.pdf", content or pdf_file("Fiche").getvalue())
    stored = library_services.resource_file_add(resource=resource, upload=upload, language="fr", actor=None)
    url = reverse("library:file", kwargs={"centre_slug": centre.slug, "resource_pk": resource.pk, "file_pk": stored.pk})
    return stored.file, url


KINDS = {"report": (_report, Role.COORDINATOR), "library-file": (_library_file, Role.ADVISER)}


@pytest.fixture(params=sorted(KINDS))
def kind(request):
    return KINDS[request.param]


def test_an_anonymous_request_for_the_storage_path_answers_404(client, centre, kind):
    make, _role = kind
    field_file, _url = make(centre)
    assert client.get(f"/{settings.MEDIA_URL}{field_file.name}").status_code == 404


def test_an_anonymous_request_for_the_file_view_is_sent_to_login(client, centre, kind):
    make, _role = kind
    _field_file, url = make(centre)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_cites_member_gets_404_for_the_file(client, centre, other_centre, kind):
    make, role = kind
    _field_file, url = make(centre)
    client.force_login(MembershipFactory(centre=other_centre, roles=[role]).user)
    assert client.get(url).status_code == 404
    # Nor through their own Cité's address with this Cité's object.
    assert client.get(url.replace(f"/c/{centre.slug}/", f"/c/{other_centre.slug}/")).status_code == 404


def test_the_file_is_streamed_with_private_headers(client, centre, kind):
    make, role = kind
    field_file, url = make(centre)
    client.force_login(MembershipFactory(centre=centre, roles=[role]).user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    with field_file.storage.open(field_file.name) as stored:
        assert b"".join(response.streaming_content) == stored.read()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert re.match(r'(attachment|inline); filename[*]?="?[^"/]+\.pdf', response["Content-Disposition"])
    assert field_file.name not in response["Content-Disposition"]


@override_settings(FILES_X_ACCEL_REDIRECT_PREFIX="/_files/")
def test_behind_nginx_the_file_is_handed_over_through_x_accel_redirect(client, centre, kind):
    make, role = kind
    field_file, url = make(centre)
    client.force_login(MembershipFactory(centre=centre, roles=[role]).user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_files/{field_file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private"


def test_stored_names_cannot_be_guessed(centre, kind):
    make, _role = kind
    first, _ = make(centre)
    second, _ = make(centre)
    for field_file in (first, second):
        base = field_file.name.rsplit("/", 1)[-1]
        # Nothing the address of a page tells: no Cité, no year, no id, no checksum of a known file.
        assert centre.slug not in field_file.name and f"/{centre.pk}/" not in field_file.name
        assert re.fullmatch(r"[A-Za-z0-9_-]{32,}", base), field_file.name
    assert first.name.rsplit("/", 1)[-1] != second.name.rsplit("/", 1)[-1]


def test_the_same_content_twice_gets_two_unrelated_names(centre):
    """A checksum in the name would let whoever holds a copy of a file find it."""
    content = pdf_file("Fiche").getvalue()
    first, _ = _library_file(centre, content=content)
    second, _ = _library_file(centre, content=content)
    assert first.name != second.name
    assert first.name.rsplit("/", 1)[-1][:8] != second.name.rsplit("/", 1)[-1][:8]


def test_a_private_library_file_stays_out_of_the_network_area(client, centre):
    _field_file, url = _library_file(centre, Visibility.CENTRE)
    client.force_login(UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR]))
    network_url = url.replace(f"/c/{centre.slug}/library/", "/network/library/")
    assert client.get(network_url).status_code == 404


def test_a_shared_library_file_is_read_by_another_cite(client, centre, other_centre):
    """Shared with the network on purpose: who may read the resource may read its file."""
    _field_file, url = _library_file(centre, Visibility.NETWORK)
    client.force_login(MembershipFactory(centre=other_centre, roles=[Role.ADVISER]).user)
    response = client.get(url.replace(f"/c/{centre.slug}/", f"/c/{other_centre.slug}/"))
    response.close()
    assert response.status_code == 200


def test_no_url_serves_the_media_folder_even_in_debug():
    """The development URLs used to serve MEDIA_ROOT to anyone when DEBUG was on."""
    import config.urls

    try:
        with override_settings(DEBUG=True):
            urls = importlib.reload(config.urls)
            patterns = [str(pattern.pattern) for pattern in urls.urlpatterns]
    finally:
        importlib.reload(config.urls)
    media = settings.MEDIA_URL.strip("/")
    assert not [pattern for pattern in patterns if media in pattern], patterns


def _nginx_locations() -> dict[str, str]:
    text = re.sub(r"#.*", "", NGINX_CONF.read_text())
    return {match[1]: match[2] for match in re.finditer(r"location\s+([^\s{]+)\s*\{([^}]*)\}", text)}


def test_nginx_serves_stored_files_only_from_an_internal_location():
    media_root = "/srv/citemetiers/var/media/"
    locations = _nginx_locations()
    serving_media = {path: body for path, body in locations.items() if media_root in body}
    assert serving_media, "nginx.conf no longer says where stored files live"
    for path, body in serving_media.items():
        assert re.search(r"^\s*internal\s*;", body, re.M), f"location {path} serves stored files publicly"
    assert "/media/" not in locations


def test_production_hands_files_to_the_internal_location_nginx_declares():
    base = Path(settings.BASE_DIR, "config", "settings", "base.py").read_text()
    prefix = re.search(r'PROD_FILES_X_ACCEL_REDIRECT_PREFIX = env\("FILES_X_ACCEL_REDIRECT_PREFIX", "([^"]+)"\)', base)
    assert prefix, "production must default FILES_X_ACCEL_REDIRECT_PREFIX to nginx's internal location"
    prod = Path(settings.BASE_DIR, "config", "settings", "prod.py").read_text()
    assert "FILES_X_ACCEL_REDIRECT_PREFIX = PROD_FILES_X_ACCEL_REDIRECT_PREFIX" in prod
    body = _nginx_locations().get(prefix[1])
    assert body is not None and "internal" in body
