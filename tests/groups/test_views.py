import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.groups import services
from citemetiers.groups.models import AgendaItem
from tests.factories import MembershipFactory
from tests.groups.factories import AgendaItemFactory, MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _url(name, centre, **kwargs):
    return reverse(name, kwargs={"centre_slug": centre.slug, **kwargs})


def test_another_cites_group_answers_404(client, centre, other_centre):
    group = WorkingGroupFactory(centre=other_centre)
    client.force_login(MembershipFactory(centre=centre).user)
    assert client.get(_url("groups:detail", centre, group_pk=group.pk)).status_code == 404


def test_invited_member_of_another_cite_sees_the_group_from_their_own_cite(client, centre, other_centre):
    group = WorkingGroupFactory(centre=other_centre, title="Shared kiosk")
    guest = MembershipFactory(centre=centre)
    services.group_invite(group=group, member=guest, actor=None)
    client.force_login(guest.user)
    assert "Shared kiosk" in client.get(_url("groups:list", centre)).content.decode()


def test_invited_member_still_cannot_open_the_other_cite(client, centre, other_centre):
    group = WorkingGroupFactory(centre=other_centre)
    guest = MembershipFactory(centre=centre)
    services.group_invite(group=group, member=guest, actor=None)
    client.force_login(guest.user)
    assert client.get(reverse("groups:list", kwargs={"centre_slug": other_centre.slug})).status_code == 404


def test_invited_member_opens_the_group_meeting_but_not_another_group_of_that_cite(client, centre, other_centre):
    group = WorkingGroupFactory(centre=other_centre)
    other_group = WorkingGroupFactory(centre=other_centre)
    guest = MembershipFactory(centre=centre)
    services.group_invite(group=group, member=guest, actor=None)
    client.force_login(guest.user)
    meeting = MeetingFactory(group=group)
    statuses = (
        client.get(_url("groups:meeting", centre, meeting_pk=meeting.pk)).status_code,
        client.get(_url("groups:detail", centre, group_pk=other_group.pk)).status_code,
    )
    assert statuses == (200, 404)


def test_member_proposes_an_agenda_item_on_the_meeting_page(client, centre):
    group = WorkingGroupFactory(centre=centre)
    adviser = MembershipFactory(centre=centre, roles=[Role.ADVISER])
    group.members.add(adviser)
    meeting = MeetingFactory(group=group)
    client.force_login(adviser.user)
    client.post(_url("groups:meeting", centre, meeting_pk=meeting.pk), {"title": "Kiosk in two languages"})
    assert AgendaItem.objects.filter(meeting=meeting, proposed_by=adviser).exists()


def test_agenda_item_with_a_phone_number_is_refused_on_the_page(client, centre):
    group = WorkingGroupFactory(centre=centre)
    meeting = MeetingFactory(group=group)
    client.force_login(group.convenor.user)
    response = client.post(
        _url("groups:meeting", centre, meeting_pk=meeting.pk), {"title": "Rappeler le 06 12 34 56 78"}
    )
    assert (response.status_code, meeting.agenda.count()) == (200, 0)


def test_group_page_query_count_does_not_grow_with_meetings(client, centre, django_assert_max_num_queries):
    group = WorkingGroupFactory(centre=centre)
    for _ in range(12):
        AgendaItemFactory(meeting=MeetingFactory(group=group))
    client.force_login(group.convenor.user)
    # 14 before the page showed its polls, series, calendar address and the convenor's actions (4 more).
    with django_assert_max_num_queries(18):
        assert client.get(_url("groups:detail", centre, group_pk=group.pk)).status_code == 200


def test_meeting_page_query_count_does_not_grow_with_items(client, centre, django_assert_max_num_queries):
    meeting = MeetingFactory(group=WorkingGroupFactory(centre=centre))
    for _ in range(10):
        AgendaItemFactory(meeting=meeting)
    client.force_login(meeting.group.convenor.user)
    with django_assert_max_num_queries(16):
        assert client.get(_url("groups:meeting", centre, meeting_pk=meeting.pk)).status_code == 200


def test_a_colleague_of_the_invited_member_reads_nothing_of_the_other_cites_group(client, centre, other_centre):
    """The invitation is the person's, not their Cité's: a colleague of the guest gets 404 everywhere."""
    group = WorkingGroupFactory(centre=other_centre, title="Shared kiosk")
    meeting = MeetingFactory(group=group)
    services.group_invite(group=group, member=MembershipFactory(centre=centre), actor=None)
    client.force_login(MembershipFactory(centre=centre).user)
    assert "Shared kiosk" not in client.get(_url("groups:list", centre)).content.decode()
    assert client.get(_url("groups:detail", centre, group_pk=group.pk)).status_code == 404
    assert client.get(_url("groups:meeting", centre, meeting_pk=meeting.pk)).status_code == 404


def _meeting_page(client, meeting):
    return client.get(_url("groups:meeting", meeting.centre, meeting_pk=meeting.pk))


def test_the_meeting_page_offers_no_agenda_form_to_who_may_not_propose(client, centre):
    from citemetiers.groups.models import Admission

    group = WorkingGroupFactory(centre=centre, admission=Admission.INVITATION)
    meeting = MeetingFactory(group=group)
    client.force_login(MembershipFactory(centre=centre, roles=[Role.ADVISER]).user)
    response = _meeting_page(client, meeting)
    assert response.status_code == 200 and "Proposer le point" not in response.content.decode()


def test_the_meeting_page_offers_the_agenda_form_to_a_member(client, centre):
    from citemetiers.groups.models import Admission

    group = WorkingGroupFactory(centre=centre, admission=Admission.INVITATION)
    member = MembershipFactory(centre=centre, roles=[Role.ADVISER])
    group.members.add(member)
    client.force_login(member.user)
    assert "Proposer le point" in _meeting_page(client, MeetingFactory(group=group)).content.decode()


def test_the_meeting_page_offers_no_agenda_form_once_the_meeting_has_started(client, centre):
    import datetime

    from django.utils import timezone

    group = WorkingGroupFactory(centre=centre)
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(group.convenor.user)
    assert "Proposer le point" not in _meeting_page(client, meeting).content.decode()
