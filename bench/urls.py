from django.http import JsonResponse
from django.urls import include, path


def bare(request):
    """The reference: Django's whole stack (middleware included) answering without touching the database."""
    return JsonResponse({"ok": True})


bare.access = None  # not a page of the product

urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("config.urls")),
]
