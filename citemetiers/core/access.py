"""View decorators that declare who may open a page.

Each decorated view carries its rule in `view.access`, which the permission sweep reads
to know the expected answer for every role without a hand-written list of URLs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpResponseNotAllowed


@dataclass(frozen=True)
class Access:
    scope: str  # "public", "login", "centre" or "network"
    predicate: Callable | None
    methods: tuple[str, ...]
    # The object-level rule the view applies once it has found its object (a 403 after the 404 of
    # another Cité's object): declared here so that the permission sweep expects it.
    on_object: Callable | None = None


def _declare(scope: str, predicate: Callable | None, methods: Iterable[str], on_object: Callable | None = None):
    methods = tuple(method.upper() for method in methods)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if scope != "public" and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if scope == "centre":
                if getattr(request, "membership", None) is None:
                    raise ImproperlyConfigured("A centre view must be routed under /c/<centre_slug>/.")
                if not predicate(request.membership):
                    raise PermissionDenied
            elif scope == "network" and not predicate(request.user):
                raise PermissionDenied
            if request.method not in methods and not (request.method == "HEAD" and "GET" in methods):
                return HttpResponseNotAllowed(methods)
            return view(request, *args, **kwargs)

        wrapped.access = Access(scope, predicate, methods, on_object)
        return wrapped

    return decorator


def public_view(methods=("GET", "POST")):
    return _declare("public", None, methods)


def login_view(methods=("GET", "POST")):
    return _declare("login", None, methods)


def centre_view(predicate: Callable, methods=("GET", "POST"), on_object: Callable | None = None):
    """A page of one Cité, open to its members for whom `predicate(membership)` holds; `on_object`
    names the rule `predicate(membership, obj)` the view checks on the object it finds."""
    return _declare("centre", predicate, methods, on_object)


def network_view(predicate: Callable, methods=("GET", "POST"), on_object: Callable | None = None):
    """A page of the network area, open to users for whom `predicate(user)` holds; `on_object` names
    the rule `predicate(user, obj)` the view checks on the object it finds (a 404 when it fails: the
    network's objects are not split by Cité, so the rule is what hides one from who may not know it)."""
    return _declare("network", predicate, methods, on_object)
