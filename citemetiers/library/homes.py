"""The library's part of the network staff's home: the resources lately shared with the network."""

from datetime import timedelta

from django.utils import timezone

from citemetiers.library.models import Resource
from citemetiers.network import homes as network_homes
from citemetiers.network.perms import is_network_staff

# "Lately": the network staff's round of the library is monthly; older ones are found by search.
NEW_DAYS = 30
NEW_SHOWN = 5


def _new_resources(request) -> dict:
    since = timezone.now() - timedelta(days=NEW_DAYS)
    # Under the network's scope the manager reads only what the Cités share with the network.
    new = Resource.objects.filter(created_at__gte=since)
    latest = list(new.select_related("centre").prefetch_related("translations").order_by("-created_at")[:NEW_SHOWN])
    return {
        "count": new.count(),
        "resources": [
            {"resource": resource, "translation": resource.translation_in(request.LANGUAGE_CODE)} for resource in latest
        ],
        "days": NEW_DAYS,
    }


network_homes.panel(
    "new_resources",
    order=20,
    template="library/home/network_new.html",
    applies=is_network_staff,
    context=_new_resources,
)
