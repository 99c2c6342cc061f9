"""The tenancy middleware's membership query is paid by every signed-in page: one row, found by the
person and the Cité's slug, with the Cité joined, no ordering (whose default, the person's name, is
of no use for one row). The users' join stays: "an active person" is part of an active membership."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citemetiers.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.urls("bench.urls")
def test_membership_query_is_one_unordered_query(client_as, centre):
    client = client_as(Role.RECEPTION)
    page = reverse("bench_signed_in", kwargs={"centre_slug": centre.slug})
    client.get(page)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    membership = [q["sql"] for q in queries.captured_queries if "centres_membership" in q["sql"].split("FROM")[1]]
    assert len(membership) == 1
    sql = membership[0].upper()
    assert "ORDER BY" not in sql
