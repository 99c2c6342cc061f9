"""Every URL pattern × every role × (own Cité, other Cité, anonymous) → expected status.

The patterns are discovered from the URLconf and each view declares its own rule
(citemetiers.core.access), so a new page is swept without editing this file. What each
permission predicate should allow is written here, independently of the code: a predicate
missing from POLICY fails the sweep until someone states the rule.
"""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.i18n import set_language
from django_scopes import scopes_disabled

from citemetiers.accounts.models import User
from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Centre
from citemetiers.core.models import AuditEntry
from citemetiers.events import services as event_services
from citemetiers.groups import feeds as group_feeds
from citemetiers.library import services as library_services
from citemetiers.library.models import Resource
from citemetiers.library.vocab import Visibility
from citemetiers.projects import feeds as project_feeds
from citemetiers.projects.models import Project
from citemetiers.reception.models import Ticket
from citemetiers.rosters import feeds as roster_feeds
from tests.events.factories import SessionFactory
from tests.factories import (
    ActivityReportFactory,
    AdviceAreaFactory,
    CentreFactory,
    ClosureFactory,
    DeskFactory,
    EvaluationFactory,
    InterviewFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    ProposalFactory,
    ReceptionSettingsFactory,
    ResourceFactory,
    ShiftFactory,
    ThemeFactory,
    TicketFactory,
    UserFactory,
)
from tests.groups.factories import MeetingFactory, PollFactory, SeriesFactory, WorkingGroupFactory
from tests.labelling.factories import LabelApplicationFactory, evidence_for, mentee_evidence_of, mentee_of
from tests.library.files import image_file
from tests.projects.factories import MilestoneFactory, ObjectiveFactory, ProjectFactory, TaskFactory
from tests.school.factories import EditionFactory
from tests.territory.factories import (
    DiagnosticImportFactory,
    DirectoryImportFactory,
    ServiceFactory,
    StructureFactory,
)

CENTRE_ROLES = list(Role)
NETWORK_ROLES = list(NetworkRole)

# The policy, stated independently of citemetiers/*/perms.py: predicate name → roles it lets in.

POLICY = {
    "is_member": set(Role),
    "can_view_groups": set(Role),
    "can_edit_profile": {Role.COORDINATOR},
    "can_manage_advice_areas": {Role.COORDINATOR, Role.LOGISTICS},
    "can_manage_members": {Role.COORDINATOR},
    "can_manage_partnerships": {Role.COORDINATOR, Role.PARTNERSHIPS},
    "can_view_audit_log": {Role.COORDINATOR},
    "can_check_in": {Role.RECEPTION},
    "can_advise": {Role.ADVISER},
    "can_manage_themes": {Role.COORDINATOR, Role.LOGISTICS},
    "can_manage_screens": {Role.COORDINATOR},
    "can_close_day": {Role.RECEPTION, Role.COORDINATOR},
    "can_compare_with_network": {Role.COORDINATOR},
    "can_import_history": {Role.COORDINATOR},
    "can_make_reports": {Role.COORDINATOR},
    "can_compare_cites": {NetworkRole.NETWORK_COORDINATOR},
    "can_contribute_to_library": {Role.ADVISER, Role.COORDINATOR, Role.LOGISTICS, Role.PARTNERSHIPS},
    "can_plan_rosters": {Role.LOGISTICS, Role.COORDINATOR},
    "can_follow_partnerships": {Role.PARTNERSHIPS, Role.COORDINATOR},
    "is_network_staff": set(NetworkRole),
    "can_manage_centres": {NetworkRole.NETWORK_COORDINATOR},
    "can_view_projects": set(Role),
    "can_create_project": {Role.COORDINATOR, Role.PARTNERSHIPS, Role.LOGISTICS},
    "can_manage_events": {Role.COORDINATOR, Role.LOGISTICS, Role.ADVISER},
    "can_register_visitors": {Role.RECEPTION, Role.COORDINATOR, Role.LOGISTICS, Role.ADVISER},
    "can_view_school": set(Role) | set(NetworkRole),
    "can_take_part_in_school": set(Role),
    "can_run_school": {NetworkRole.NETWORK_COORDINATOR},
    "can_co_organise_school": {NetworkRole.NETWORK_COORDINATOR, Role.COORDINATOR},
    "can_follow_labelling": {NetworkRole.NETWORK_COORDINATOR},
    "can_evaluate": {NetworkRole.LABEL_EVALUATOR},
    "can_view_own_application": {Role.COORDINATOR},
    "can_mentor": {Role.COORDINATOR},
    "can_edit_directory": {Role.COORDINATOR, Role.PARTNERSHIPS},
}

# Object-level rules a view checks once it has found its object (`centre_view(on_object=...)`): which
# roles pass them on the object OBJECT_MAKERS builds, of which the sweep's member is neither the lead
# nor the owner.
OBJECT_POLICY = {
    "can_edit_project": {Role.COORDINATOR},
    "can_update_task": {Role.COORDINATOR},
    # On a network page the object rule answers 404 (see test_get): the label application built is
    # assigned to no evaluator, so only the network's coordinators read it and its evidence.
    "can_read_application": {NetworkRole.NETWORK_COORDINATOR},
}

# Views that are not ours and carry no declaration: Django's language switch is public by design.
UNDECLARED_ALLOWED = {set_language}

# Public pages that answer a GET with a redirect, and why.
PUBLIC_REDIRECTS = {
    # Django moves a valid token out of the address into the session, then redirects to the form.
    "accounts:password_reset_confirm",
}

# How to make the object a URL kwarg names, in a given Cité.
OBJECT_MAKERS = {
    "area_pk": lambda centre: AdviceAreaFactory(centre=centre),
    "organisation_pk": lambda centre: OrganisationFactory(centre=centre),
    "partnership_pk": lambda centre: PartnershipFactory(centre=centre),
    "membership_pk": lambda centre: MembershipFactory(centre=centre),
    "ticket_pk": lambda centre: TicketFactory(centre=centre),
    "theme_pk": lambda centre: ThemeFactory(centre=centre),
    "report_pk": lambda centre: ActivityReportFactory(centre=centre, done=True),
    # Private to its Cité: another Cité must not reach it (network resources are shared on purpose).
    "resource_pk": lambda centre: ResourceFactory(centre=centre, visibility=Visibility.CENTRE),
    "desk_pk": lambda centre: DeskFactory(centre=centre),
    "shift_pk": lambda centre: ShiftFactory(centre=centre),
    "proposal_pk": lambda centre: ProposalFactory(centre=centre),
    "group_pk": lambda centre: WorkingGroupFactory(centre=centre),
    "meeting_pk": lambda centre: MeetingFactory(group=WorkingGroupFactory(centre=centre)),
    "series_pk": lambda centre: SeriesFactory(group=WorkingGroupFactory(centre=centre)),
    "poll_pk": lambda centre: PollFactory(group=WorkingGroupFactory(centre=centre)),
    "closure_pk": lambda centre: ClosureFactory(centre=centre),
    # A project of this Cité only: another Cité must not reach it (network projects are shared on purpose).
    "project_pk": lambda centre: ProjectFactory(centre=centre),
    "task_pk": lambda centre: TaskFactory(centre=centre),
    "service_pk": lambda centre: ServiceFactory(structure__centre=centre),
    "session_pk": lambda centre: SessionFactory(centre=centre),
    "registration_pk": lambda centre: event_services.registration_create(
        session=SessionFactory(centre=centre), actor=None
    ),
    # A network school edition hosted by the Cité, its call open (the network's, read by every Cité).
    "edition_pk": lambda centre: EditionFactory(host_centre=centre, open_call=True),
    # A label application linked to this Cité, and an evidence file of it.
    "application_pk": lambda centre: LabelApplicationFactory(centre=centre),
    "evidence_pk": lambda centre: evidence_for(centre),
    # An application this Cité mentors (as its mentor it reads the dossier), and an evidence file of it.
    "mentee_pk": lambda centre: mentee_of(centre),
    "mentee_evidence_pk": lambda centre: mentee_evidence_of(centre),
    "structure_pk": lambda centre: StructureFactory(centre=centre),
    "import_pk": lambda centre: DirectoryImportFactory(centre=centre),
    "diagnostic_import_pk": lambda centre: DiagnosticImportFactory(centre=centre),
}
# On network pages, objects the network is meant to see: a resource shared with the whole network.
NETWORK_OBJECT_MAKERS = {"resource_pk": lambda centre: ResourceFactory(centre=centre)}
# Objects that belong to another kwarg's object, made after it: kwarg → (parent kwarg, maker).
CHILD_MAKERS = {
    "file_pk": lambda resource_pk: _library_file(resource_pk),
    "evaluation_pk": lambda resource_pk: EvaluationFactory(resource_id=resource_pk).pk,
}
# Objects of a project, made after it: kwarg → maker(project_pk).
PROJECT_CHILD_MAKERS = {
    "objective_pk": lambda project_pk: ObjectiveFactory(project=Project.objects.get(pk=project_pk), kind="manual").pk,
    "milestone_pk": lambda project_pk: MilestoneFactory(project=Project.objects.get(pk=project_pk)).pk,
}
# Secrets that alone open a public page (visitor ticket, display, kiosk), made for a Cité.
SECRET_MAKERS = {
    "code_secret": lambda route, centre: (
        event_services.registration_create(session=SessionFactory(centre=centre), actor=None).secret
    ),
    # The public agenda is reached by the Cité's own slug: public on purpose, not a secret.
    "agenda_slug": lambda route, centre: centre.slug,
    "secret": lambda route, centre: TicketFactory(centre=centre).secret,
    "feed": lambda route, centre: roster_feeds.feed_for(MembershipFactory(centre=centre)).token,
    "task_feed": lambda route, centre: project_feeds.feed_for(MembershipFactory(centre=centre).user).token,
    "meeting_feed": lambda route, centre: (
        group_feeds.feed_regenerate(user=MembershipFactory(centre=centre).user, group=None, actor=None).token
    ),
    "key": lambda route, centre: getattr(
        ReceptionSettingsFactory(centre=centre), "kiosk_key" if route.name.startswith("kiosk:") else "display_key"
    ),
}
# Objects reached through a secret made just before: kwarg → maker(secret) (a resource the ticket's
# interview recommends to the visitor).
SECRET_CHILD_MAKERS = {"recommended_pk": lambda secret: _recommended_resource(secret)}
# Kwargs that name a part of a page rather than an object.
FIXED_KWARGS = {"table": "channel", "number": 1}
# Kwargs the sweep fills in itself.
OTHER_KWARGS = {
    "centre_slug",
    "uidb64",
    "token",
    *SECRET_MAKERS,
    *FIXED_KWARGS,
    *CHILD_MAKERS,
    *PROJECT_CHILD_MAKERS,
    *SECRET_CHILD_MAKERS,
}


def _recommended_resource(secret) -> int:
    ticket = Ticket.objects.get(secret=secret)
    interview = InterviewFactory(ticket=ticket, centre=ticket.centre, area=ticket.area)
    resource = ResourceFactory(centre=ticket.centre)
    interview.resources.add(resource)
    return resource.pk


@dataclass
class SweepWorld:
    """What every case of the module shares, built once per module (and xdist worker): the two
    Cités, one member of the own Cité per role, one user per network role, and the objects
    OBJECT_MAKERS and NETWORK_OBJECT_MAKERS make in each Cité. Building them per case was most of
    the sweep's time outside the requests."""

    centres: tuple[int, int]
    members: dict = field(default_factory=dict)  # role → user pk
    objects: dict = field(default_factory=dict)  # (makers' table, kwarg, centre pk) → object pk
    sessions: dict = field(default_factory=dict)  # user pk → the key of their session, logged in once


@pytest.fixture(scope="module")
def sweep_world(django_db_setup, django_db_blocker):
    """Built in a transaction opened here and rolled back when the module is done, inside which
    every case runs in its own savepoint, as Django's TestCase.setUpTestData does. Whatever a case
    writes, to the Cités, the members or the objects (a POST that deletes one), is rolled back
    after it, so each case still starts from the same world."""
    with django_db_blocker.unblock(), scopes_disabled():
        outer = transaction.atomic()
        outer.__enter__()
        own, other = CentreFactory(with_areas=True, slug="own"), CentreFactory(with_areas=True, slug="other")
        world = SweepWorld(centres=(own.pk, other.pk))
        for role in CENTRE_ROLES:
            world.members[role] = MembershipFactory(centre=own, roles=[role]).user.pk
        for role in NETWORK_ROLES:
            world.members[role] = UserFactory(network_roles=[role]).pk
        # Each user logged in once for the module: a case sends that session's cookie instead of
        # logging in again (a session written, another deleted, the last login saved: about a fifth of a
        # case's time, cProfile). What a case does to the session is rolled back with its savepoint.
        for pk in world.members.values():
            login = Client()
            login.force_login(User.objects.get(pk=pk))
            world.sessions[pk] = login.cookies[settings.SESSION_COOKIE_NAME].value
        for cite in (own, other):
            for table, makers in (("object", OBJECT_MAKERS), ("network", NETWORK_OBJECT_MAKERS)):
                for kwarg, maker in makers.items():
                    world.objects[table, kwarg, cite.pk] = maker(cite).pk
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def sweep_cites(sweep_world):
    return sweep_world.centres


@pytest.fixture
def centre(sweep_cites, db):
    # Read afresh for each case: nothing a case cached on the object leaks into the next.
    return Centre.objects.get(pk=sweep_cites[0])


@pytest.fixture
def other_centre(sweep_cites, db):
    return Centre.objects.get(pk=sweep_cites[1])


@pytest.fixture
def user_of(sweep_world, db):
    """user_of(role) -> the module's user with this role (a member of the own Cité for a Cité role,
    a network role alone otherwise), read afresh for the case."""
    return lambda role: User.objects.get(pk=sweep_world.members[role])


@pytest.fixture
def made(sweep_world):
    return sweep_world.objects


@pytest.fixture
def log_in(sweep_world, client):
    """log_in(user): the client signed in as the module's user, through the session opened for them
    once (`sweep_world`); the sessions of the database only, which the case's savepoint restores."""

    def log_in(user):
        key = sweep_world.sessions.get(user.pk)
        if key is None or settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
            client.force_login(user)
        else:
            client.cookies[settings.SESSION_COOKIE_NAME] = key

    return log_in


def _library_file(resource_pk) -> int:
    resource = Resource.objects.get(pk=resource_pk)
    upload = SimpleUploadedFile("sheet.png", image_file("PNG").getvalue())
    return library_services.resource_file_add(resource=resource, upload=upload, language="fr", actor=None).pk


@dataclass(frozen=True)
class Route:
    name: str | None
    route: str
    callback: object
    kwargs: tuple[str, ...]

    @property
    def access(self):
        access = getattr(self.callback, "access", None)
        if access is None:
            access = getattr(getattr(self.callback, "view_class", None), "access", None)
        return access

    @property
    def object_kwargs(self) -> list[str]:
        return [kwarg for kwarg in self.kwargs if kwarg not in OTHER_KWARGS]

    def __str__(self):
        return f"{self.name or '<unnamed>'} ({self.route})"


def _walk(resolver: URLResolver, namespace: str = "", prefix: str = "", kwargs: tuple = ()):
    for entry in resolver.url_patterns:
        # The regex of a path() or re_path() names every keyword argument, whatever its converter.
        names = kwargs + tuple(entry.pattern.regex.groupindex)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            child_namespace = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, child_namespace, route, names)
        else:
            name = namespace + entry.name if entry.name else None
            yield Route(name, route, entry.callback, tuple(dict.fromkeys(names)))


ROUTES = list(_walk(get_resolver()))
DECLARED = [route for route in ROUTES if route.access is not None and route.name is not None]


def allowed_roles(access, *, on_object: bool = True) -> set:
    """The roles let in; `on_object=False`: by the view's role rule alone (before its object is found)."""
    name = access.predicate.__name__
    if name not in POLICY:
        pytest.fail(f"The permission predicate {name!r} has no row in POLICY: add one saying which roles it lets in.")
    roles = POLICY[name]
    rule = getattr(access, "on_object", None)
    if rule is not None and on_object:
        if rule.__name__ not in OBJECT_POLICY:
            pytest.fail(f"The object rule {rule.__name__!r} has no row in OBJECT_POLICY.")
        roles = roles & OBJECT_POLICY[rule.__name__]
    return roles


def build_url(route: Route, *, slug_centre, object_centre, user=None, made=None) -> str:
    """`made`: the objects built once for the module (`sweep_world`), used instead of making new ones."""
    made = made or {}
    kwargs = {}
    for kwarg in route.kwargs:
        if kwarg == "centre_slug":
            kwargs[kwarg] = slug_centre.slug
        elif kwarg == "uidb64":
            kwargs[kwarg] = urlsafe_base64_encode(force_bytes(user.pk))
        elif kwarg == "token":
            kwargs[kwarg] = default_token_generator.make_token(user)
        elif route.access.scope == "network" and kwarg in NETWORK_OBJECT_MAKERS:
            kwargs[kwarg] = _made(made, "network", kwarg, object_centre, NETWORK_OBJECT_MAKERS)
        elif kwarg in OBJECT_MAKERS:
            kwargs[kwarg] = _made(made, "object", kwarg, object_centre, OBJECT_MAKERS)
        elif kwarg in CHILD_MAKERS:
            kwargs[kwarg] = CHILD_MAKERS[kwarg](kwargs["resource_pk"])
        elif kwarg in PROJECT_CHILD_MAKERS:
            kwargs[kwarg] = PROJECT_CHILD_MAKERS[kwarg](kwargs["project_pk"])
        elif kwarg in FIXED_KWARGS:
            kwargs[kwarg] = FIXED_KWARGS[kwarg]
        elif kwarg in SECRET_MAKERS:
            kwargs[kwarg] = SECRET_MAKERS[kwarg](route, object_centre)
        elif kwarg in SECRET_CHILD_MAKERS:
            kwargs[kwarg] = SECRET_CHILD_MAKERS[kwarg](kwargs["secret"])
        else:
            pytest.fail(
                f"The sweep does not know how to build the URL kwarg {kwarg!r} of {route}: add it to OBJECT_MAKERS."
            )
    return reverse(route.name, kwargs=kwargs)


def _made(made, table, kwarg, centre, makers) -> int:
    pk = made.get((table, kwarg, centre.pk))
    return pk if pk is not None else makers[kwarg](centre).pk


def answer_when_allowed(access, method="GET") -> int:
    return 200 if method in access.methods else 405


def assert_sent_to_login(response, url):
    assert response.status_code == 302, url
    assert response["Location"].startswith(reverse("accounts:login") + "?next="), url


# -- The declarations themselves ------------------------------------------------------------


def test_the_sweep_finds_the_pages_of_every_app():
    """Guards the discovery: a walk that missed the namespaced includes would sweep nothing."""
    names = {route.name for route in ROUTES}
    assert {"home", "accounts:login", "centres:home", "reception:area_edit", "network:home"} <= names


def test_every_view_declares_who_may_open_it():
    undeclared = [str(route) for route in ROUTES if route.access is None and route.callback not in UNDECLARED_ALLOWED]
    assert not undeclared, f"Declare access (citemetiers.core.access) on these views: {undeclared}"


def test_every_url_pattern_has_a_name():
    """The sweep reaches a page through reverse(); an unnamed page would escape it."""
    unnamed = [str(route) for route in ROUTES if route.name is None]
    assert not unnamed, f"Name these URL patterns: {unnamed}"


def test_every_predicate_has_a_stated_policy():
    predicates = {route.access.predicate.__name__ for route in DECLARED if route.access.predicate is not None}
    assert predicates <= set(POLICY), f"State the policy of {sorted(predicates - set(POLICY))} in POLICY."


def test_scoped_pages_name_their_rule_and_public_ones_do_not():
    for route in DECLARED:
        assert route.access.scope in {"public", "login", "centre", "network"}, route
        assert (route.access.predicate is not None) == (route.access.scope in {"centre", "network"}), route


def test_every_centre_page_lives_under_the_centre_prefix():
    """Tenancy fails closed: a centre view routed elsewhere would have no Cité to check against."""
    for route in DECLARED:
        if route.access.scope == "centre":
            assert route.kwargs[:1] == ("centre_slug",), route
        else:
            assert "centre_slug" not in route.kwargs, route


def test_every_object_kwarg_can_be_built():
    unknown = {kwarg: str(route) for route in DECLARED for kwarg in route.object_kwargs if kwarg not in OBJECT_MAKERS}
    assert not unknown, f"Add these URL kwargs to OBJECT_MAKERS: {unknown}"


# -- GET by every kind of visitor -----------------------------------------------------------


def _cases():
    for route in DECLARED:
        access, name = route.access, route.name
        yield pytest.param(route, "anonymous", None, id=f"{name}-anonymous")
        if access.scope == "centre":
            for role in CENTRE_ROLES:
                yield pytest.param(route, "own", role, id=f"{name}-{role}-own")
                yield pytest.param(route, "other-cite", role, id=f"{name}-{role}-other-cite")
                if route.object_kwargs:
                    yield pytest.param(route, "other-object", role, id=f"{name}-{role}-other-object")
            for role in NETWORK_ROLES:
                yield pytest.param(route, "network-staff-in-a-cite", role, id=f"{name}-{role}-no-membership")
        elif access.scope == "network":
            for role in [*NETWORK_ROLES, *CENTRE_ROLES]:
                yield pytest.param(route, "network", role, id=f"{name}-{role}")
        elif access.scope == "login":
            for role in CENTRE_ROLES:
                yield pytest.param(route, "signed-in", role, id=f"{name}-{role}")


@pytest.mark.parametrize(("route", "situation", "role"), list(_cases()))
def test_get(client, log_in, centre, other_centre, user_of, made, route, situation, role):
    access = route.access
    member = user_of(role if role in Role.values else Role.ADVISER)

    if situation == "anonymous":
        url = build_url(route, slug_centre=centre, object_centre=centre, user=member, made=made)
        response = client.get(url)
        if access.scope != "public":
            assert_sent_to_login(response, url)
        elif route.name in PUBLIC_REDIRECTS:
            assert response.status_code == 302, url
            assert not response["Location"].startswith(reverse("accounts:login")), url
        else:
            assert response.status_code == answer_when_allowed(access), url
        if access.scope == "centre":
            # Nor does an anonymous visitor learn whether another Cité exists.
            other_url = build_url(route, slug_centre=other_centre, object_centre=other_centre, made=made)
            assert_sent_to_login(client.get(other_url), other_url)
        return

    if situation == "network-staff-in-a-cite":
        # A network role opens no door into a Cité's pages: without a membership, they do not exist.
        log_in(user_of(role))
        url = build_url(route, slug_centre=centre, object_centre=centre, made=made)
        assert client.get(url).status_code == 404, url
        return

    if situation == "network":
        user = user_of(role)
        log_in(user)
        url = build_url(route, slug_centre=centre, object_centre=centre, made=made)
        expected = answer_when_allowed(access) if role in allowed_roles(access) else 403
        if role in allowed_roles(access, on_object=False) - allowed_roles(access):
            # Let in by the page's rule, not by its object's: the network's objects are not split by
            # Cité, so the object is what the person may not know of (a dossier not assigned to an
            # evaluator): not found, once the method is one the page answers.
            expected = 404 if "GET" in access.methods else 405
        assert client.get(url).status_code == expected, url
        return

    log_in(member)
    if situation == "signed-in":
        url = build_url(route, slug_centre=centre, object_centre=centre, user=member, made=made)
        response = client.get(url)
        if "GET" not in access.methods:
            assert response.status_code == 405, url
        else:
            assert response.status_code in {200, 302}, url
            assert not response.get("Location", "").startswith(reverse("accounts:login")), url
        return

    allowed = role in allowed_roles(access)
    if situation == "own":
        url = build_url(route, slug_centre=centre, object_centre=centre, made=made)
        expected = answer_when_allowed(access) if allowed else 403
        if not allowed and role in allowed_roles(access, on_object=False) and "GET" not in access.methods:
            expected = 405  # the refused method is answered before the object is looked at
    elif situation == "other-cite":
        url = build_url(route, slug_centre=other_centre, object_centre=other_centre, made=made)
        expected = 404
    else:  # own Cité in the address, another Cité's object in it
        url = build_url(route, slug_centre=centre, object_centre=other_centre, made=made)
        # The role is checked first: a 403 says nothing about the object. A refused method
        # is answered before any lookup, so it reveals nothing either; an object rule after it.
        allowed = role in allowed_roles(access, on_object=False)
        expected = (404 if "GET" in access.methods else 405) if allowed else 403
    assert client.get(url).status_code == expected, url


# -- POST: the role is checked before anything is written ----------------------------------


def _post_cases():
    for route in DECLARED:
        if route.access.scope == "centre":
            for role in CENTRE_ROLES:
                yield pytest.param(route, role, id=f"{route.name}-{role}")


@pytest.mark.parametrize(("route", "role"), list(_post_cases()))
def test_post_to_a_centre_page(client, log_in, centre, other_centre, user_of, made, route, role):
    access = route.access
    log_in(user_of(role))
    allowed = role in allowed_roles(access)
    url = build_url(route, slug_centre=centre, object_centre=centre, made=made)
    other_cite_url = build_url(route, slug_centre=other_centre, object_centre=other_centre, made=made)
    other_object_url = (
        build_url(route, slug_centre=centre, object_centre=other_centre, made=made) if route.object_kwargs else None
    )
    audit_before = AuditEntry.objects.count()

    status = client.post(url).status_code
    if not allowed:
        assert status == 403, url
        assert AuditEntry.objects.count() == audit_before, f"{url} wrote something for a forbidden role"
    elif "POST" in access.methods:
        assert status not in {403, 404, 405}, url
    else:
        assert status == 405, url

    assert client.post(other_cite_url).status_code == 404, other_cite_url
    if other_object_url:
        allowed = role in allowed_roles(access, on_object=False)
        expected = (404 if "POST" in access.methods else 405) if allowed else 403
        assert client.post(other_object_url).status_code == expected, other_object_url


def _network_post_cases():
    for route in DECLARED:
        if route.access.scope == "network":
            for role in [*NETWORK_ROLES, *CENTRE_ROLES]:
                yield pytest.param(route, role, id=f"{route.name}-{role}")


@pytest.mark.parametrize(("route", "role"), list(_network_post_cases()))
def test_post_to_a_network_page(client, log_in, centre, user_of, made, route, role):
    access = route.access
    log_in(user_of(role))
    url = build_url(route, slug_centre=centre, object_centre=centre, made=made)
    audit_before = AuditEntry.objects.count()
    status = client.post(url).status_code
    if role not in allowed_roles(access, on_object=False):
        assert status == 403, url
        assert AuditEntry.objects.count() == audit_before, f"{url} wrote something for a forbidden role"
    elif role not in allowed_roles(access):  # the object's rule refuses: not found (see test_get)
        assert status == (404 if "POST" in access.methods else 405), url
        assert AuditEntry.objects.count() == audit_before, f"{url} wrote something for a forbidden role"
    elif "POST" in access.methods:
        assert status not in {403, 404, 405}, url
    else:
        assert status == 405, url


# -- Public pages behind a secret -------------------------------------------------------------

SECRET_ROUTES = [route for route in DECLARED if set(route.kwargs) & set(SECRET_MAKERS)]


def test_the_secret_pages_are_swept():
    assert {"visitor:ticket", "display:screen", "kiosk:start", "roster_feed:feed"} <= {
        route.name for route in SECRET_ROUTES
    }


@pytest.mark.parametrize("route", SECRET_ROUTES, ids=[route.name for route in SECRET_ROUTES])
@pytest.mark.parametrize("wrong", ["guessed", "short"])
def test_a_secret_page_without_its_secret_is_not_found(client, centre, route, wrong):
    """Each secret is replaced in turn by a well-formed guess or a short one: the page does not exist."""
    url = build_url(route, slug_centre=centre, object_centre=centre)
    kwargs = resolve(url).kwargs
    for kwarg in set(route.kwargs) & set(SECRET_MAKERS):
        guess = dict(kwargs, **{kwarg: "x" * 43 if wrong == "guessed" else "abc"})
        guessed_url = reverse(route.name, kwargs=guess)
        method = client.get if "GET" in route.access.methods else client.post
        assert method(guessed_url).status_code == 404, guessed_url


def test_a_kiosk_does_not_show_another_cites_ticket(client, centre, other_centre):
    key = ReceptionSettingsFactory(centre=centre).kiosk_key
    secret = TicketFactory(centre=other_centre).secret
    assert client.get(reverse("kiosk:ticket", kwargs={"key": key, "secret": secret})).status_code == 404
