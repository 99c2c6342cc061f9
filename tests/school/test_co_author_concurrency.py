"""Two identical submits of a co-author at once (a double click) against PostgreSQL: the contribution's
row lock lets one name the co-author and refuses the other with the form's message, never a 500.

Runs in the PostgreSQL pass (marker `postgres`); SQLite has no row locks to prove anything about.
"""

import pytest
from django.db import connection

from citemetiers.core.errors import DomainError
from citemetiers.school import contributions
from tests.concurrency import raised, run_at_once
from tests.factories import MembershipFactory
from tests.school.factories import ContributionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_double_submit_of_a_co_author_names_them_once_and_refuses_the_other_with_a_message():
    assert connection.vendor == "postgresql", "Run the `postgres` tests with DATABASE_URL set to PostgreSQL."
    contribution = ContributionFactory()
    co_author = MembershipFactory()
    refused = []

    def work(_index):
        try:
            contributions.co_author_add(
                contribution=contribution, user=co_author.user, cite=co_author.centre, actor=contribution.author
            )
        except DomainError as error:
            refused.append(error)

    outcomes = run_at_once(work, 4)
    assert not raised(outcomes), outcomes
    assert contribution.co_authors.count() == 1
    assert len(refused) == 3
