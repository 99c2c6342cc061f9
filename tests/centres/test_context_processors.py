"""The tenancy context processor runs for every rendered template, fragments polled every few
seconds included: what it offers is computed only when a template reads it (issue 21)."""

from unittest import mock

import pytest
from django.test import RequestFactory

from citemetiers.centres.context_processors import tenancy
from citemetiers.centres.models import Membership

pytestmark = pytest.mark.django_db


def _request(membership):
    request = RequestFactory().get("/")
    request.user, request.centre, request.membership = membership.user, membership.centre, membership
    return request


def test_the_cite_switcher_is_not_built_for_a_template_that_does_not_show_it(member, centre):
    request = _request(member("adviser"))
    with mock.patch.object(type(Membership.objects), "active", side_effect=AssertionError("built eagerly")):
        context = tenancy(request)
        assert context["current_centre"] == centre  # reading the Cité builds nothing else


def test_the_cite_switcher_lists_the_persons_own_cites_when_read(member, centre, other_centre):
    mine = member("adviser")
    member("reception", centre=other_centre)  # somebody else, elsewhere
    context = tenancy(_request(mine))
    assert [m.centre.slug for m in context["my_memberships"]] == ["own"]
