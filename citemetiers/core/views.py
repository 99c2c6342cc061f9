"""The project's own pages, which know no domain app: health check and favicon."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse

from citemetiers.core.access import public_view


@public_view(methods=("GET",))
def healthz(request):
    """For the reverse proxy and the process manager: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


FAVICON = settings.BASE_DIR / "citemetiers" / "static" / "favicon.svg"


@public_view(methods=("GET",))
def favicon(request):
    """The icon browsers ask for at /favicon.ico whatever the page links: the SVG the pages link."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
