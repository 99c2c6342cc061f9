"""What the library's pages share: the resources a Cité may read or write, and the way back to one."""

from django.shortcuts import redirect

from citemetiers.library.models import Resource
from citemetiers.library.vocab import LANGUAGES

LANGUAGE_NAMES = dict(LANGUAGES)


def _visible(request):
    return Resource.objects.visible_to(request.centre)


def _own(request):
    return Resource.objects.for_centre(request.centre)


def _back_to(resource, request):
    return redirect("library:resource", centre_slug=request.centre.slug, resource_pk=resource.pk)
