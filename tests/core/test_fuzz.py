"""Hostile input on every page: a clear error (400, 404, or the form again), never a 500.

The pages are those the permission sweep discovers (tests/core/test_permission_sweep.py), opened
by a member who may open them. For each page, the parameters it reads are found in the forms it
renders, plus a list of parameters read straight from the address; each is sent values that broke
the platform once: NUL bytes (PostgreSQL refuses them in text), dates at the calendar's edges,
a month 0000, a non-ASCII digit, a number of 400 digits. A few values per field keep the run short.
"""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import resolve, reverse

from citemetiers.accounts.roles import NetworkRole, Role
from tests.core.test_permission_sweep import DECLARED, SECRET_MAKERS, SECRET_ROUTES, build_url
from tests.factories import MembershipFactory, UserFactory

NUL = "a\x00b"
EDGE_DATES = ["0001-01-01", "9999-12-31"]
# "²".isdigit() is True, int("²") raises: the trap of a careless id check.
NUMBERS = ["²", "9" * 400, "-1"]
ANY = [NUL, *EDGE_DATES, "0000-01", *NUMBERS, "bogus"]
# Parameters some views read from the address without a form.
KNOWN_PARAMS = [
    "q",
    "action",
    "language",
    "page",
    "start",
    "end",
    "date",
    "view",
    "area",
    "adviser",
    "month",
    "year",
    "r",
    "v",
    "regenerate",
    "direction",
    "create",
    "occupation",
    "occupations",
    "next",
]
# Pages whose job is to end the session or to serve nothing from a form.
SKIPPED = {"accounts:logout"}


class _Forms(HTMLParser):
    """Each form of a page: its method and its fields with the values the page gives them."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method, action = (attrs.get("method") or "get").lower(), attrs.get("action") or ""
            self.forms.append({"method": method, "action": action, "fields": {}, "types": {}})
            return
        if not self.forms or not attrs.get("name"):
            if tag == "option" and self._select and (attrs.get("selected") is not None or not self._select[1]):
                self._select[1] = attrs.get("value") or ""
            return
        form, name = self.forms[-1], attrs["name"]
        if tag == "button" or (tag == "input" and attrs.get("type") in {"submit", "image"}):
            # A named button is a field too: its value says what to do (regenerate=display).
            form["types"].setdefault(name, "button")
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"button", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and attrs.get("checked") is None:
                form["types"].setdefault(name, kind)
                return
            form["fields"][name] = attrs.get("value") or ""
            form["types"][name] = kind
        elif tag == "select":
            self._select = [name, ""]
            form["types"][name] = "select"
        elif tag == "textarea":
            self._textarea = name
            form["fields"][name] = ""
            form["types"][name] = "textarea"

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self.forms:
            self.forms[-1]["fields"].setdefault(self._select[0], self._select[1])
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def page_forms(response) -> list[dict]:
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    parser.feed(response.content.decode())
    return [form for form in parser.forms if form["fields"] or form["types"]]


def values_for(kind: str) -> list[str]:
    """A few hostile values per field, chosen by what the field holds."""
    if kind in {"date", "month", "datetime-local"}:
        return [NUL, *EDGE_DATES, "0000-01"]
    if kind in {"number", "select", "checkbox", "radio", "hidden", "button"}:
        return [NUL, *NUMBERS, "bogus"]
    if kind == "any":
        return ANY
    return [NUL, "9" * 400]


def hostile_forms(form):
    """For each hostile value, the form as the page gave it with every field that could hold it replaced.

    Fields of one kind are spoiled together (both ends of a period at 9999-12-31) and the others keep
    their valid values, so that the request gets past the form to the code behind it.
    """
    for value in ANY:
        spoiled = {name for name, kind in form["types"].items() if value in values_for(kind)}
        if spoiled:
            yield value, dict(form["fields"], **dict.fromkeys(spoiled, value))


def _sign_in(client, route, centre):
    if route.access.scope == "network":
        client.force_login(UserFactory(network_roles=list(NetworkRole)))
    elif route.access.scope in {"centre", "login"}:
        client.force_login(MembershipFactory(centre=centre, roles=list(Role)).user)


def _assert_answered(response, what):
    assert response.status_code < 500, f"{what} answered {response.status_code}"


FUZZED = [route for route in DECLARED if route.name not in SKIPPED]


@pytest.mark.parametrize("route", FUZZED, ids=[route.name for route in FUZZED])
def test_hostile_values_in_every_parameter_never_answer_500(client, centre, route):
    _sign_in(client, route, centre)
    member = MembershipFactory(centre=centre, roles=list(Role)).user
    url = build_url(route, slug_centre=centre, object_centre=centre, user=member)
    forms = []
    if "GET" in route.access.methods:
        page = client.get(url)
        _assert_answered(page, url)
        # A form sent elsewhere (the language switch of every page) is fuzzed on its own page.
        forms = [form for form in page_forms(page) if form["action"] in {"", url}]
    posts = [form for form in forms if form["method"] == "post"]
    gets = [form for form in forms if form["method"] == "get"]

    # The address: every known parameter and every field of the page's search forms, all at once.
    if "GET" in route.access.methods:
        names = set(KNOWN_PARAMS) | {name for form in gets for name in form["types"]}
        for value in ANY:
            _assert_answered(client.get(url, dict.fromkeys(names, value)), f"GET {url} with {value[:12]!r}")
        for form in gets:
            for value, data in hostile_forms(form):
                _assert_answered(client.get(url, data), f"GET {url} with {value[:12]!r}")

    # Each form: the fields hostile by kind, the others as the page gave them. A page that only takes
    # posts gets the known parameters.
    if "POST" in route.access.methods:
        for form in posts or [{"fields": {}, "types": dict.fromkeys(KNOWN_PARAMS, "any")}]:
            for value, data in hostile_forms(form):
                _assert_answered(client.post(url, data), f"POST {url} with {value[:12]!r}")


@pytest.mark.parametrize("route", SECRET_ROUTES, ids=[route.name for route in SECRET_ROUTES])
def test_a_nul_byte_in_a_secret_address_is_refused(client, centre, route):
    url = build_url(route, slug_centre=centre, object_centre=centre)
    method = client.get if "GET" in route.access.methods else client.post
    kwargs = resolve(url).kwargs
    for kwarg in set(route.kwargs) & set(SECRET_MAKERS):
        # reverse() would refuse the byte: it is written into the address by hand, as a client would.
        hostile = url.replace(quote(kwargs[kwarg]), "abc%00def", 1)
        assert hostile != url
        assert method(hostile).status_code in {400, 404}, hostile


def test_a_nul_byte_in_a_query_string_is_refused(client, centre):
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    url = reverse("centres:audit", kwargs={"centre_slug": centre.slug})
    assert client.get(url, {"action": "\x00"}).status_code == 400


def test_a_date_beyond_the_years_a_person_can_mean_shows_the_form_again(client, centre):
    client.force_login(MembershipFactory(centre=centre, roles=[Role.COORDINATOR]).user)
    url = reverse("indicators:dashboard", kwargs={"centre_slug": centre.slug})
    response = client.get(url, {"start": "0001-01-01", "end": "9999-12-31"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422  # the dashboard's answer to a period it cannot show
    assert "Choose a date between 1 January 1900 and 31 December 2100." in response.content.decode()
