import pytest
from django.test import Client
from django_scopes import scopes_disabled

from citemetiers.accounts.roles import Role
from citemetiers.referentials.services import occupations_load
from tests.factories import CentreFactory, MembershipFactory, UserFactory


class FileReadingClient(Client):
    """Django's test client, reading a streamed response (a stored file) at once.

    A stored file is streamed from an open handle that only reading to the end closes; a test
    that checks the status alone would otherwise leave it open (a ResourceWarning, an error here).
    """

    def request(self, **request):
        response = super().request(**request)
        if response.streaming:
            response.streaming_content = [b"".join(response.streaming_content)]
        return response


@pytest.fixture(autouse=True)
def _test_body_unscoped():
    """The test's own ORM use (factories, assertions) reads across Cités, as pretix's tests do.

    Only the test body: a request through the client runs in the tenancy middleware's scopes, which
    turn scoping back on (tests/centres/test_orm_tenancy.py proves it), and a test of the scopes
    themselves enters them (`centre_scope`, `outside_any_centre`) inside. A thread the test starts
    for its own work (the concurrency tests) runs in a copy of the test's context, hence unscoped too.
    """
    with scopes_disabled():
        yield


@pytest.fixture
def client():
    return FileReadingClient()


@pytest.fixture
def centre(db):
    return CentreFactory(with_areas=True, slug="own")


@pytest.fixture
def other_centre(db):
    return CentreFactory(with_areas=True, slug="other")


@pytest.fixture
def member(centre):
    """member(role, ...) -> a Membership of the own Cité with these roles."""

    def make(*roles, centre=centre):
        return MembershipFactory(centre=centre, roles=list(roles))

    return make


@pytest.fixture
def client_as(client, member):
    """client_as(role, ...) -> the test client logged in as a member with these roles."""

    def make(*roles):
        membership = member(*roles)
        client.force_login(membership.user)
        client.membership = membership
        return client

    return make


@pytest.fixture
def coordinator_client(client_as):
    return client_as(Role.COORDINATOR)


@pytest.fixture
def network_user(db):
    def make(*network_roles):
        return UserFactory(network_roles=list(network_roles))

    return make


@pytest.fixture
def shipped(db):
    """The shipped ROME and ESCO occupations: the test databases are built without them
    (REFERENTIALS_LOAD_IN_MIGRATIONS in the test settings)."""
    return occupations_load()
