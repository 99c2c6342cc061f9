import re

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory


def test_a_member_of_one_cite_cannot_even_see_that_another_cite_exists(client_as, other_centre):
    client = client_as(Role.COORDINATOR)
    known = client.get(reverse("centres:home", kwargs={"centre_slug": other_centre.slug}))
    unknown = client.get(reverse("centres:home", kwargs={"centre_slug": "no-such-cite"}))
    assert known.status_code == unknown.status_code == 404


@pytest.mark.parametrize(
    ("name", "kwarg", "make"),
    [
        ("centres:member_edit", "membership_pk", lambda centre: MembershipFactory(centre=centre)),
        ("centres:organisation_edit", "organisation_pk", lambda centre: OrganisationFactory(centre=centre)),
        ("centres:partnership_edit", "partnership_pk", lambda centre: PartnershipFactory(centre=centre)),
        ("reception:area_edit", "area_pk", lambda centre: centre.advice_areas.first()),
    ],
)
def test_another_cites_object_is_not_found_and_stays_unchanged(client_as, centre, other_centre, name, kwarg, make):
    client = client_as(Role.COORDINATOR)
    target = make(other_centre)
    before = type(target).objects.get(pk=target.pk).__dict__.copy()
    url = reverse(name, kwargs={"centre_slug": centre.slug, kwarg: target.pk})
    assert client.get(url).status_code == 404
    response = client.post(url, {"name": "Hacked", "code": "Z", "roles": ["coordinator"], "title": "Hacked"})
    assert response.status_code == 404
    after = type(target).objects.get(pk=target.pk).__dict__
    assert {k: v for k, v in after.items() if k != "_state"} == {k: v for k, v in before.items() if k != "_state"}


def test_an_inactive_membership_opens_nothing(client, centre):
    membership = MembershipFactory(centre=centre, roles=[Role.COORDINATOR], is_active=False)
    client.force_login(membership.user)
    assert client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).status_code == 404


def test_home_sends_a_single_membership_to_its_cite_without_a_switcher(client, centre):
    client.force_login(MembershipFactory(centre=centre).user)
    assert client.get(reverse("home"))["Location"] == reverse("centres:home", kwargs={"centre_slug": centre.slug})
    page = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content.decode()
    assert "centre-switcher" not in page


def test_home_offers_a_choice_to_people_of_two_cites_and_the_switcher_lists_both(client, centre, other_centre):
    membership = MembershipFactory(centre=centre)
    MembershipFactory(centre=other_centre, user=membership.user)
    client.force_login(membership.user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert {m.centre for m in response.context["memberships"]} == {centre, other_centre}
    page = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug})).content.decode()
    switcher = re.search(r'<details class="menu centre-switcher">(.*?)</details>', page, re.DOTALL).group(1)
    for listed in (centre, other_centre):
        assert reverse("centres:home", kwargs={"centre_slug": listed.slug}) in switcher
        assert listed.name in switcher
    # Once a Cité was used, home goes back to it.
    assert client.get(reverse("home"))["Location"] == reverse("centres:home", kwargs={"centre_slug": centre.slug})


def test_home_sends_network_staff_without_a_cite_to_the_network_area(client, network_user):
    client.force_login(network_user("network_coordinator"))
    assert client.get(reverse("home"))["Location"] == reverse("network:home")


def test_a_cites_pages_show_times_on_its_own_clock(client_as, centre):
    from datetime import UTC

    from django.urls import reverse

    from citemetiers.accounts.roles import Role
    from tests.factories import TicketFactory

    centre.time_zone = "America/Montreal"
    centre.save()
    from django.utils import timezone

    from citemetiers.reception.ticketing import service_date

    # The ticket belongs to the Cité's own service day: on the factory's default (the server's local
    # date) the test failed every evening between midnight in Paris and midnight in Montreal.
    created = timezone.now().replace(hour=15, minute=0, second=0, microsecond=0, tzinfo=UTC)
    TicketFactory(centre=centre, created_at=created, service_date=service_date(centre, timezone.now()))
    client = client_as(Role.RECEPTION)
    page = client.get(reverse("reception:console", kwargs={"centre_slug": centre.slug})).content.decode()
    assert "10:00" in page and "15:00" not in page and "16:00" not in page
