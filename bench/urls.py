from django.http import JsonResponse
from django.urls import include, path

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view


def bare(request):
    """The reference: Django's whole stack (middleware included) answering without touching the database."""
    return JsonResponse({"ok": True})


bare.access = None  # not a page of the product


@centre_view(is_member, methods=("GET",))
def signed_in(request):
    """The same answer behind a Cité member's login: the session, the user and the membership read, no write
    (the floor under any page of the consoles)."""
    return JsonResponse({"ok": True, "centre": request.centre.slug})


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("c/<slug:centre_slug>/bench/signed-in/", signed_in, name="bench_signed_in"),
    path("", include("config.urls")),
]
