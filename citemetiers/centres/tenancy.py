"""The scopes a request, a task or a command runs in, and the only escapes from them.

A query of a Cité's data raises outside a scope (`citemetiers.core.tenancy`). Code enters a scope
through one of these names, and only these (`tests/core/test_tenancy_escapes.py` checks that
`scopes_disabled` and the escapes are used nowhere else than where its allow-list says why):

- `centre_scope(centre)`: the data of one Cité. The tenancy middleware enters it for /c/<slug>/…;
  a task or a command enters it for the Cité it works for.
- `network_scope()`: the network area's pages (/network/…), entered by the middleware for a view
  declared `network_view`: they read what the network shares (the library) and nothing of a Cité's.
- `network_wide_read()`: the network's deliberate reads across Cités (the comparison of indicators,
  the list of Cités with their figures). It reads; a write in it is a bug.
- `visitor_secret_lookup()`: finding the one object a visitor's secret names (a ticket, a card, a
  screen's key, a roster feed) before its Cité is known; the caller then enters that Cité's scope.
- `own_memberships()`: a person's own memberships in every Cité they belong to (finding the Cité of
  the URL, the Cité switcher, the landing page): their own rows, not a Cité's team.
- `all_centres_maintenance()`: the commands that work over every Cité's rows at once (seeding the
  demo, nightly jobs that loop over Cités) where a per-Cité scope would not fit.
"""

from contextlib import ExitStack, contextmanager
from contextvars import ContextVar

from django_scopes import scope, scopes_disabled

from citemetiers.core.tenancy import NETWORK, SCOPE_DIMENSION


@contextmanager
def centre_scope(centre):
    """Every query of a Cité's data inside reads and writes `centre`'s rows only."""
    if centre is None:
        raise ValueError("centre_scope needs a Cité")
    with scope(**{SCOPE_DIMENSION: centre}):
        yield


# The scopes of the running request, closed by the tenancy middleware when its response is made.
_request_scopes: ContextVar[ExitStack | None] = ContextVar("request_scopes", default=None)


@contextmanager
def request_scopes():
    """The tenancy middleware's frame: no Cité until one is entered; all closed with the response."""
    with ExitStack() as scopes:
        scopes.enter_context(outside_any_centre())
        token = _request_scopes.set(scopes)
        try:
            yield
        finally:
            _request_scopes.reset(token)


def enter_for_request(context) -> None:
    """Enter a scope (`centre_scope(c)`, `network_scope()`) for the rest of the running request.

    A public page calls it with `centre_scope(ticket.centre)` once a visitor's secret has named the
    Cité; outside a request it refuses, since nothing would close the scope.
    """
    scopes = _request_scopes.get()
    if scopes is None:
        raise RuntimeError("enter_for_request is only for a request's view (see TenancyMiddleware).")
    scopes.enter_context(context)


@contextmanager
def outside_any_centre():
    """A scope that is on but names no Cité: every query of a Cité's data raises inside.

    What a request runs in until the tenancy middleware knows its Cité — even where the caller
    (a test, a shell) had disabled the scopes.
    """
    with scope(**{SCOPE_DIMENSION: None}):
        yield


@contextmanager
def network_scope():
    """The network area's pages: what the network shares (the library), no Cité's own data."""
    with scope(**{SCOPE_DIMENSION: NETWORK}):
        yield


@contextmanager
def network_wide_read():
    """The network's deliberate read across Cités; each caller says why beside the call."""
    with scopes_disabled():
        yield


@contextmanager
def visitor_secret_lookup():
    """Find what a visitor's secret names, whichever Cité holds it; then enter that Cité's scope."""
    with scopes_disabled():
        yield


@contextmanager
def own_memberships():
    """Read the signed-in person's own memberships across their Cités; filter by user inside."""
    with scopes_disabled():
        yield


@contextmanager
def all_centres_maintenance():
    """A command's work over every Cité's rows at once (the demo seeders, nightly sweeps)."""
    with scopes_disabled():
        yield
