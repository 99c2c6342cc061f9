"""The navigation as data: workspaces, their entries and the pages each entry holds.

Each app declares its part in its own `navigation.py` (collected here through the app registry, so
`core` imports no domain app). Who sees an entry is not written here: it is read from the access its
page's view declares (`citemetiers.core.access`), so the menu and the page can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.urls import NoReverseMatch, resolve, reverse
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

# The two places a page can belong to: one Cité (under /c/<slug>/) or the network.
CENTRE, NETWORK = "centre", "network"


@dataclass(frozen=True)
class Workspace:
    key: str
    label: str | Promise
    area: str  # CENTRE or NETWORK
    order: int


@dataclass(frozen=True)
class Entry:
    """A link of a workspace's secondary navigation, and the pages reached from it (marked as it)."""

    workspace: str
    url_name: str
    label: str | Promise
    order: int
    pages: tuple[str, ...] = ()


@dataclass
class _Registry:
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    collected: bool = False


_registry = _Registry()


def workspace(key: str, label, *, area: str, order: int) -> None:
    """Declare a workspace (from an app's navigation.py). Declaring it twice alike is harmless."""
    existing = _registry.workspaces.get(key)
    if existing is not None and existing != Workspace(key, label, area, order):
        raise ValueError(f"The workspace {key!r} is declared twice, differently.")
    _registry.workspaces[key] = Workspace(key, label, area, order)


def entry(workspace: str, url_name: str, label, *, order: int, pages: tuple[str, ...] = ()) -> None:
    """Declare an entry of a workspace: the page `url_name` and the pages reached from it."""
    _registry.entries.append(Entry(workspace, url_name, label, order, tuple(pages)))


def _collect() -> None:
    if not _registry.collected:
        _registry.collected = True
        autodiscover_modules("navigation")


def workspaces() -> dict[str, Workspace]:
    _collect()
    return dict(sorted(_registry.workspaces.items(), key=lambda item: (item[1].area != CENTRE, item[1].order)))


def entries() -> list[Entry]:
    _collect()
    return sorted(_registry.entries, key=lambda entry: (entry.workspace, entry.order))


@cache
def _page_index() -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for item in entries():
        if item.workspace not in _registry.workspaces:
            raise ValueError(f"The entry {item.url_name!r} names an undeclared workspace {item.workspace!r}.")
        for name in (item.url_name, *item.pages):
            if name in index:
                raise ValueError(f"The page {name!r} is in two entries of the navigation.")
            index[name] = item
    return index


def entry_for(view_name: str | None) -> Entry | None:
    """The entry that holds this page, or None when the page is in no workspace."""
    return _page_index().get(view_name) if view_name else None


@cache
def _access(url_name: str, area: str):
    # A placeholder slug is enough to find the view behind the name: the access is on the view.
    try:
        path = reverse(url_name, kwargs={"centre_slug": "x"}) if area == CENTRE else reverse(url_name)
    except NoReverseMatch as error:
        raise ValueError(f"The navigation entry {url_name!r} must be a page without arguments.") from error
    view = resolve(path).func
    return getattr(view, "access", None) or getattr(getattr(view, "view_class", None), "access", None)


def may_open(item: Entry, *, user, membership) -> bool:
    """What the page's own declared access says about this person (nothing is repeated here)."""
    area = _registry.workspaces[item.workspace].area
    access = _access(item.url_name, area)
    if access is None or not user.is_authenticated:
        return False
    if access.scope == CENTRE:
        return membership is not None and access.predicate(membership)
    if access.scope == NETWORK:
        return access.predicate(user)
    return True


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    current: bool


@dataclass(frozen=True)
class MenuWorkspace:
    key: str
    label: str | Promise
    url: str
    current: bool
    links: tuple[Link, ...]

    @property
    def current_link(self) -> Link | None:
        return next((link for link in self.links if link.current), None)


def _url(item: Entry, area: str, centre) -> str:
    return reverse(item.url_name, kwargs={"centre_slug": centre.slug}) if area == CENTRE else reverse(item.url_name)


def menu(*, user, membership, centre, view_name: str | None) -> list[MenuWorkspace]:
    """The workspaces this person may open, each with the entries they may open, the current one marked.

    In a Cité, its workspaces come first; network staff also find the network's.
    """
    current_entry = entry_for(view_name)
    by_workspace: dict[str, list[Entry]] = {}
    for item in entries():
        by_workspace.setdefault(item.workspace, []).append(item)
    result = []
    for key, space in workspaces().items():
        if space.area == CENTRE and centre is None:
            continue
        links = tuple(
            Link(item.label, _url(item, space.area, centre), item == current_entry)
            for item in by_workspace.get(key, [])
            if may_open(item, user=user, membership=membership)
        )
        if links:
            current = any(link.current for link in links)
            result.append(MenuWorkspace(key, space.label, links[0].url, current, links))
    return result


def pages_for(*, user, membership, centre) -> list[dict[str, Any]]:
    """Every entry this person may open, with its workspace: what the header search finds as pages."""
    return [
        {"workspace": space.label, "label": link.label, "url": link.url}
        for space in menu(user=user, membership=membership, centre=centre, view_name=None)
        for link in space.links
    ]
