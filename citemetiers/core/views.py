from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render

from citemetiers.centres import tenancy
from citemetiers.centres.models import Membership
from citemetiers.core.access import login_view, public_view
from citemetiers.network.perms import is_network_staff


@login_view(methods=("GET",))
def home(request):
    """Send each person to where they work: their Cité, the last one they used, or a choice."""
    with tenancy.own_memberships():
        memberships = list(Membership.objects.active().filter(user=request.user).select_related("centre"))
    slugs = [membership.centre.slug for membership in memberships]
    last = request.session.get("last_centre")
    if last in slugs:
        return redirect("centres:home", centre_slug=last)
    if len(memberships) == 1 and not is_network_staff(request.user):
        return redirect("centres:home", centre_slug=slugs[0])
    if not memberships and is_network_staff(request.user):
        return redirect("network:home")
    return render(request, "core/choose_centre.html", {"memberships": memberships})


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
