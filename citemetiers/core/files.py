"""Stored files are never public: a view checks who asks, then one of these helpers answers with the file.

Nothing serves MEDIA_ROOT as a folder, in development or in production. In production the view hands
the file to nginx (`X-Accel-Redirect` to an `internal` location, see deploy/nginx.conf) so that no
app-server process is held by a download; elsewhere the file is streamed by Django.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header


@deconstructible
class RandomName:
    """upload_to that names a stored file by 192 random bits in `folder`, whatever it was called.

    Nothing in the name (Cité, year, id, checksum) can be derived from what a page shows, so a
    path that leaks (a log, a backup listing) opens nothing, and the path never appears in a URL.
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{secrets.token_urlsafe(24)}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def stored_file_response(
    field_file: FieldFile, *, filename: str, content_type: str, attachment: bool = True
) -> HttpResponse:
    """The stored file under a readable name; call it only once the view has checked who asks."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    prefix = settings.FILES_X_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        # nginx reads the file from its internal location: the storage path is never shown to the client.
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(field_file.name)
    else:
        response = FileResponse(field_file.storage.open(field_file.name, "rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Only the browser of the person who was allowed may keep a copy; no shared cache, no proxy.
    response["Cache-Control"] = "private"
    return response
