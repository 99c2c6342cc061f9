"""What the header search finds: pages from the navigation, resources from the library, partners.

Nothing here decides who may see what: the pages are those the navigation offers the person
(their pages' declared access), the resources those the library's search lets their Cité read,
the partners those of their own Cité.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citemetiers.centres import perms as centre_perms
from citemetiers.centres.models import Organisation
from citemetiers.core import navigation
from citemetiers.library import search as library_search

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre, Membership

# A header search is a way in, not the library's search page: its first hits, then a link there.
MAX_RESOURCES = 5
MAX_PARTNERS = 10


def _folded(text: str) -> str:
    # "parametres" finds "Paramètres": people type without accents, on a phone even more so.
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass
class Results:
    pages: list[dict]
    resources: list
    resources_total: int
    partners: list
    partners_editable: bool

    @property
    def empty(self) -> bool:
        return not (self.pages or self.resources or self.partners)


def matching_pages(text: str, *, user: User, membership: Membership | None, centre: Centre | None) -> list[dict]:
    words = _folded(text).split()
    return [
        page
        for page in navigation.pages_for(user=user, membership=membership, centre=centre)
        if all(word in _folded(f"{page['workspace']} {page['label']}") for word in words)
    ]


def site_search(
    text: str, *, user: User, membership: Membership | None, centre: Centre | None, language: str
) -> Results:
    """Everything `text` finds for this person: in their Cité (`centre`) or, when None, in the network."""
    found = library_search.search(
        library_search.SearchQuery(text=text), centre=centre, language=language, per_page=MAX_RESOURCES
    )
    partners = []
    if centre is not None:
        partners = list(
            Organisation.objects.for_centre(centre).active().filter(name__icontains=text.strip())[:MAX_PARTNERS]
        )
    return Results(
        pages=matching_pages(text, user=user, membership=membership, centre=centre),
        resources=found.hits,
        resources_total=found.total,
        partners=partners,
        partners_editable=membership is not None and centre_perms.can_manage_partnerships(membership),
    )
