"""What the school's tests share."""

import pytest

from tests.factories import UserFactory


@pytest.fixture
def organiser():
    """The network's coordinator, who organises the school's editions."""
    return UserFactory(network_coordinator=True)
