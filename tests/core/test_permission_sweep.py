"""Every URL pattern × every role × (own Cité, other Cité, anonymous) → expected status.

The patterns are discovered from the URLconf and each view declares its own rule
(citemetiers.core.access), so a new page is swept without editing this file. What each
permission predicate should allow is written here independently of the code: a predicate
missing from POLICY fails the sweep until someone states the rule.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from citemetiers.accounts.roles import NetworkRole, Role
from tests.factories import AdviceAreaFactory, MembershipFactory, OrganisationFactory, PartnershipFactory

CENTRE_ROLES = list(Role)
NETWORK_ROLES = list(NetworkRole)

# The policy, stated independently of citemetiers/*/perms.py.
POLICY = {
    "is_member": set(Role),
    "can_edit_profile": {Role.COORDINATOR},
    "can_manage_advice_areas": {Role.COORDINATOR, Role.LOGISTICS},
    "can_manage_members": {Role.COORDINATOR},
    "can_manage_partnerships": {Role.COORDINATOR, Role.PARTNERSHIPS},
    "can_view_audit_log": {Role.COORDINATOR},
    "is_network_staff": set(NetworkRole),
    "can_manage_centres": {NetworkRole.NETWORK_COORDINATOR},
}

# Views that are not ours and carry no declaration: Django's language switch is public by design.
UNDECLARED_ALLOWED = {"set_language"}

# How to make the object a URL kwarg names, in a given Cité.
OBJECT_MAKERS = {
    "area_pk": lambda centre: AdviceAreaFactory(centre=centre),
    "organisation_pk": lambda centre: OrganisationFactory(centre=centre),
    "partnership_pk": lambda centre: PartnershipFactory(centre=centre),
    "membership_pk": lambda centre: MembershipFactory(centre=centre),
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: URLPattern

    @property
    def view(self):
        return self.pattern.callback

    @property
    def kwargs(self) -> list[str]:
        return list(self.pattern.pattern.converters)


def _walk(resolver: URLResolver, namespace: str = "", converters: tuple = ()):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            child_namespace = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, child_namespace, converters + tuple(entry.pattern.converters))
        else:
            yield namespace + (entry.name or "<unnamed>"), entry, converters + tuple(entry.pattern.converters)


def discover_routes():
    routes = []
    for name, pattern, converters in _walk(get_resolver()):
        routes.append((name, pattern, converters))
    return routes


ROUTES = discover_routes()


def route_kwargs(converters) -> list[str]:
    return list(dict.fromkeys(converters))


def _access(view):
    access = getattr(view, "access", None)
    if access is None:
        view_class = getattr(view, "view_class", None)
        access = getattr(view_class, "access", None)
    return access


def _build_url(name, kwargs_names, *, slug_centre, object_centre, user=None):
    kwargs = {}
    for kwarg in kwargs_names:
        if kwarg == "centre_slug":
            kwargs[kwarg] = slug_centre.slug
        elif kwarg == "uidb64":
            kwargs[kwarg] = urlsafe_base64_encode(force_bytes(user.pk))
        elif kwarg == "token":
            kwargs[kwarg] = default_token_generator.make_token(user)
        elif kwarg in OBJECT_MAKERS:
            kwargs[kwarg] = OBJECT_MAKERS[kwarg](object_centre).pk
        else:
            pytest.fail(
                f"The sweep does not know how to build the URL kwarg {kwarg!r} of {name}: add it to OBJECT_MAKERS."
            )
    return reverse(name, kwargs=kwargs)


def _expected_for_allowed(access):
    return 200 if "GET" in access.methods else 405


def test_every_view_declares_who_may_open_it():
    undeclared = [name for name, pattern, _ in ROUTES if _access(pattern.callback) is None]
    assert set(undeclared) <= UNDECLARED_ALLOWED, f"Views without an access declaration: {undeclared}"


def test_every_predicate_has_a_stated_policy():
    predicates = {
        _access(pattern.callback).predicate.__name__
        for _, pattern, _ in ROUTES
        if _access(pattern.callback) is not None and _access(pattern.callback).predicate is not None
    }
    assert predicates <= set(POLICY), f"State the policy of {predicates - set(POLICY)} in POLICY."


def test_every_centre_page_lives_under_the_centre_prefix():
    """Tenancy fails closed: a centre view routed elsewhere would have no Cité to check against."""
    for name, pattern, converters in ROUTES:
        access = _access(pattern.callback)
        if access is not None and access.scope == "centre":
            assert "centre_slug" in converters, name


def _cases():
    for name, pattern, converters in ROUTES:
        access = _access(pattern.callback)
        if access is None:
            continue
        kwargs_names = route_kwargs(converters)
        if access.scope == "centre":
            for role in CENTRE_ROLES:
                yield pytest.param(name, kwargs_names, access, "own", role, id=f"{name}-{role}-own")
                yield pytest.param(name, kwargs_names, access, "other-slug", role, id=f"{name}-{role}-other-cite")
                if len(kwargs_names) > 1:
                    yield pytest.param(
                        name, kwargs_names, access, "other-object", role, id=f"{name}-{role}-other-object"
                    )
            for role in NETWORK_ROLES:
                yield pytest.param(name, kwargs_names, access, "network-user", role, id=f"{name}-{role}")
        elif access.scope == "network":
            for role in [*NETWORK_ROLES, *CENTRE_ROLES]:
                yield pytest.param(name, kwargs_names, access, "network", role, id=f"{name}-{role}")
        yield pytest.param(name, kwargs_names, access, "anonymous", None, id=f"{name}-anonymous")


@pytest.mark.parametrize(("name", "kwargs_names", "access", "situation", "role"), list(_cases()))
def test_permission_sweep(client, centre, other_centre, name, kwargs_names, access, situation, role):
    user = MembershipFactory(centre=centre, roles=[role] if role in Role.values else [Role.ADVISER]).user
    if situation == "anonymous":
        url = _build_url(name, kwargs_names, slug_centre=centre, object_centre=centre, user=user)
        response = client.get(url)
        if access.scope == "public":
            # A public page answers, or moves on to another public page (password reset hides its token so).
            assert response.status_code in {_expected_for_allowed(access), 302}, url
            assert not response.get("Location", "").startswith(reverse("accounts:login")), url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login")), url
        return

    if situation in ("network", "network-user"):
        if role in NetworkRole.values:
            user.network_roles = [role]
            user.memberships.update(is_active=False)
            user.save()
        client.force_login(user)
        url = _build_url(name, kwargs_names, slug_centre=centre, object_centre=centre, user=user)
        response = client.get(url)
        if situation == "network-user":
            # A network role opens no door into a Cité's operational pages.
            assert response.status_code == 404, url
        elif role in POLICY[access.predicate.__name__]:
            assert response.status_code == _expected_for_allowed(access), url
        else:
            assert response.status_code == 403, url
        return

    client.force_login(user)
    if situation == "own":
        url = _build_url(name, kwargs_names, slug_centre=centre, object_centre=centre, user=user)
        expected = _expected_for_allowed(access) if role in POLICY[access.predicate.__name__] else 403
    elif situation == "other-slug":
        url = _build_url(name, kwargs_names, slug_centre=other_centre, object_centre=other_centre, user=user)
        expected = 404
    else:  # own Cité in the address, another Cité's object in it
        url = _build_url(name, kwargs_names, slug_centre=centre, object_centre=other_centre, user=user)
        # A refused method is answered before any lookup, so it reveals nothing either.
        expected = (404 if "GET" in access.methods else 405) if role in POLICY[access.predicate.__name__] else 403
    response = client.get(url)
    assert response.status_code == expected, url


def _post_only_cases():
    for name, pattern, converters in ROUTES:
        access = _access(pattern.callback)
        if access is not None and access.scope == "centre" and "GET" not in access.methods:
            for role in CENTRE_ROLES:
                yield pytest.param(name, route_kwargs(converters), access, role, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "kwargs_names", "access", "role"), list(_post_only_cases()))
def test_post_only_pages_check_the_role_before_acting(client, centre, other_centre, name, kwargs_names, access, role):
    client.force_login(MembershipFactory(centre=centre, roles=[role]).user)
    url = _build_url(name, kwargs_names, slug_centre=centre, object_centre=centre)
    response = client.post(url)
    allowed = role in POLICY[access.predicate.__name__]
    assert (response.status_code not in (403, 404)) if allowed else response.status_code == 403, url
    other_url = _build_url(name, kwargs_names, slug_centre=other_centre, object_centre=other_centre)
    assert client.post(other_url).status_code == 404
    other_object_url = _build_url(name, kwargs_names, slug_centre=centre, object_centre=other_centre)
    assert client.post(other_object_url).status_code == (404 if allowed else 403)
