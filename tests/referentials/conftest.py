import pytest

from citemetiers.referentials.services import occupations_load


@pytest.fixture
def shipped(db):
    """The shipped referentials, loaded here too: a transactional test elsewhere may have flushed
    what the migration put in the test database."""
    return occupations_load()
