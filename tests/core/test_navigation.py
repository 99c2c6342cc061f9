"""The navigation: every page has its workspace, and every page a role may open is reachable from its menu.

The pages are those the permission sweep finds itself in the URLconf, and what a role may open is the
sweep's POLICY (written apart from the code): a new page fails here until it joins a workspace.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.core import navigation
from tests.core.test_permission_sweep import DECLARED, POLICY
from tests.factories import MembershipFactory, UserFactory

# Pages that are in no workspace, and why. Everything else a person opens with GET must have one.
NOT_IN_A_WORKSPACE = {
    # The home of a Cité is the first link of every menu and the brand link of the header.
    "centres:home",
    # Answers for scripts, not pages: the autocompletes of the occupation and library comboboxes.
    "referentials:occupation_autocomplete",
    "library:autocomplete",
    # The results of the header search, reached from the search box in every page's header.
    "sitesearch:centre",
    "network_search:search",
}
# Scopes outside the staff's navigation: visitor, kiosk, display, feed and sign-in pages are reached by
# a secret address or before signing in; the "login" pages (the chooser of a Cité, the password) are
# in the header's user menu.
SCOPES_WITHOUT_NAVIGATION = {"public", "login"}


def _pages():
    for route in DECLARED:
        if route.access.scope in SCOPES_WITHOUT_NAVIGATION or route.name in NOT_IN_A_WORKSPACE:
            continue
        # A URL that only takes a POST is an action of a page (a button), not a page one navigates to.
        if "GET" not in route.access.methods:
            continue
        yield route


PAGES = list(_pages())


def test_every_page_of_the_sweep_is_in_a_workspace():
    orphans = [str(route) for route in PAGES if navigation.entry_for(route.name) is None]
    assert not orphans, f"Put these pages in a workspace (an app's navigation.py): {orphans}"


def test_the_exclusions_name_real_pages():
    """An exclusion left behind by a removed page would silently exempt its successor."""
    assert {route.name for route in DECLARED} >= NOT_IN_A_WORKSPACE


def test_every_entry_names_a_declared_page():
    names = {route.name for route in DECLARED}
    unknown = [name for entry in navigation.entries() for name in (entry.url_name, *entry.pages) if name not in names]
    assert not unknown, unknown


class _Links(HTMLParser):
    """The links of the page's navigation landmarks, and those marked as current."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links, self.current = set(), {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.add(attrs["href"])
            if "aria-current" in attrs:
                self.current[attrs["href"]] = attrs["aria-current"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self.depth -= 1


def _nav(response) -> _Links:
    assert response.status_code == 200
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


def _reachable(client, start) -> set[str]:
    """The links of the start page's navigation, and of the navigation of each page it links to."""
    first = _nav(client.get(start)).links
    reached = set(first)
    for href in first:
        reached |= _nav(client.get(href)).links
    return reached


@pytest.mark.parametrize("role", list(Role))
def test_every_page_a_centre_role_may_open_is_reachable_from_its_navigation(client, centre, role):
    client.force_login(MembershipFactory(centre=centre, roles=[role]).user)
    reached = _reachable(client, reverse("centres:home", kwargs={"centre_slug": centre.slug}))
    missing = []
    for route in PAGES:
        if route.access.scope != "centre" or role not in POLICY[route.access.predicate.__name__]:
            continue
        entry = navigation.entry_for(route.name)
        if reverse(entry.url_name, kwargs={"centre_slug": centre.slug}) not in reached:
            missing.append(route.name)
    assert not missing, f"A {role} may open these pages but their menu entry is out of reach: {missing}"


@pytest.mark.parametrize("role", list(NetworkRole))
def test_every_page_a_network_role_may_open_is_reachable_from_its_navigation(client, db, role):
    client.force_login(UserFactory(network_roles=[role]))
    reached = _reachable(client, reverse("network:home"))
    missing = []
    for route in PAGES:
        if route.access.scope != "network" or role not in POLICY[route.access.predicate.__name__]:
            continue
        if reverse(navigation.entry_for(route.name).url_name) not in reached:
            missing.append(route.name)
    assert not missing, f"A {role} may open these pages but their menu entry is out of reach: {missing}"


@pytest.mark.parametrize("role", list(Role))
def test_a_centre_role_sees_no_entry_it_may_not_open(client, centre, role):
    client.force_login(MembershipFactory(centre=centre, roles=[role]).user)
    reached = _reachable(client, reverse("centres:home", kwargs={"centre_slug": centre.slug}))
    for route in PAGES:
        if route.access.scope == "centre" and role not in POLICY[route.access.predicate.__name__]:
            url = reverse(route.name, kwargs={"centre_slug": centre.slug}) if route.kwargs == ("centre_slug",) else None
            assert url not in reached, f"A {role} is offered {route.name}, which answers them 403"


def test_the_current_workspace_and_page_are_marked(client, centre):
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    members = reverse("centres:members", kwargs={"centre_slug": centre.slug})
    links = _nav(client.get(reverse("centres:member_add", kwargs={"centre_slug": centre.slug})))
    settings = reverse("centres:profile", kwargs={"centre_slug": centre.slug})  # the workspace's first page
    # The page "add a member" belongs to the entry "Team": that entry is current, in the Settings workspace.
    assert links.current == {members: "page", settings: "true"}


def test_a_workspace_a_role_cannot_open_is_not_shown(client, centre):
    client.force_login(MembershipFactory(centre=centre, roles=[Role.RECEPTION]).user)
    html = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content.decode()
    assert reverse("centres:profile", kwargs={"centre_slug": centre.slug}) not in html
    assert reverse("reception:console", kwargs={"centre_slug": centre.slug}) in html


def test_the_menu_is_a_disclosure_that_needs_no_script(client, centre):
    """On a phone the menu folds into a native <details>: every link is reachable without JavaScript."""
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    html = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content.decode()
    assert '<details class="nav-disclosure"' in html
    assert "css/nav.css" in html
