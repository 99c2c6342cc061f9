"""Saved searches of the directory: a staff member keeps a search and is told of new or changed services."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citemetiers.centres.perms import is_member
from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.core.personal_data import no_personal_data
from citemetiers.territory.models import SavedSearch, Service
from citemetiers.territory.selectors import services_matching

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# "Open now" is the moment's, not a search to be told about later: it is not kept.
CRITERIA = ("text", "theme", "public", "place")


def _snapshot(search: SavedSearch) -> dict[str, str]:
    """{service pk: its last update} of the services the search finds now (two columns, no instances)."""
    rows = services_matching(centre=search.centre, **search.criteria).values_list("pk", "updated_on")
    return {str(pk): on.isoformat() for pk, on in rows}


def saved_search_create(*, centre: Centre, name: str, criteria: Mapping[str, Any], actor: User) -> SavedSearch:
    membership_required(actor, centre.pk, is_member, _("Only the Cité's team saves searches of its directory."))
    kept = {key: str(criteria.get(key) or "") for key in CRITERIA}
    # A search read once is never stored; a saved one is, so its words pass the guard like any text kept.
    for field, value in (("name", name), ("text", kept["text"]), ("place", kept["place"])):
        try:
            no_personal_data(value)
        except ValidationError as error:
            raise DomainError(error.messages[0], field=field) from error
    with transaction.atomic():
        search = SavedSearch(centre=centre, owner=actor, name=name, criteria=kept)
        # What it finds today is known: only what comes after is told.
        search.seen = _snapshot(search)
        search.save()
        audit_log(actor=actor, action="territory.search_saved", target=search, centre=centre,
                  changes={"name": name})  # fmt: skip
    return search


def saved_search_delete(*, search: SavedSearch, actor: User) -> None:
    if search.owner_id != actor.pk:
        raise DomainError(_("Only its owner deletes a saved search."))
    with transaction.atomic():
        audit_log(actor=actor, action="territory.search_deleted", target=search, centre=search.centre,
                  changes={"name": search.name})  # fmt: skip
        search.delete()


def saved_search_news(search: SavedSearch) -> tuple[list[Service], dict]:
    """The services new or changed since the search last looked, and what it finds now: the caller
    remembers it (`saved_search_seen`) only once the owner was told, so a refused e-mail is sent again."""
    found = _snapshot(search)
    news = [int(pk) for pk, on in found.items() if search.seen.get(pk) != on]
    return list(Service.objects.filter(pk__in=news).select_related("structure").order_by("name", "pk")), found


def saved_search_seen(search: SavedSearch, found: dict) -> None:
    search.seen = found
    search.save(update_fields=["seen"])
