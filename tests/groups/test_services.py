import datetime

import pytest
from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.groups import minutes as minutes_services
from citemetiers.groups import polls, services
from citemetiers.groups.models import Minutes, MinutesState, Outcome, PollKind
from citemetiers.projects.models import Project, Task
from tests.factories import ClosureFactory, MembershipFactory
from tests.groups.factories import AgendaItemFactory, MeetingFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_group_create_counts_members_of_several_organisations(centre, member):
    convenor = member(Role.COORDINATOR)
    others = [member(Role.ADVISER) for _ in range(3)]
    group = services.group_create(
        centre=centre, title="Welcome", mandate="", convenor=convenor, members=others, actor=convenor.user
    )
    assert len({m.organisation_id for m in services.member_list(group)}) == 4


def test_group_create_refuses_an_adviser(centre, member):
    adviser = member(Role.ADVISER)
    with pytest.raises(NotPermitted):
        services.group_create(centre=centre, title="X", mandate="", convenor=adviser, actor=adviser.user)


def test_group_mandate_with_a_visitor_phone_number_is_refused(centre, member):
    convenor = member(Role.COORDINATOR)
    with pytest.raises(DomainError):
        services.group_create(
            centre=centre,
            title="X",
            mandate="Rappeler le visiteur au 06 12 34 56 78",
            convenor=convenor,
            actor=convenor.user,
        )


def test_member_invited_from_another_cite_proposes_an_agenda_item(centre, other_centre):
    group = WorkingGroupFactory(centre=centre)
    guest = MembershipFactory(centre=other_centre)
    services.group_invite(group=group, member=guest, actor=group.convenor.user)
    item = services.agenda_item_propose(meeting=MeetingFactory(group=group), title="Shared kiosk", actor=guest.user)
    assert item.proposed_by == guest


def test_member_of_another_cite_not_invited_cannot_propose(centre, other_centre):
    group = WorkingGroupFactory(centre=centre)
    stranger = MembershipFactory(centre=other_centre)
    with pytest.raises(NotPermitted):
        services.agenda_item_propose(meeting=MeetingFactory(group=group), title="X", actor=stranger.user)


def test_series_skips_public_holidays_closures_and_exceptions(centre):
    group = WorkingGroupFactory(centre=centre)
    ClosureFactory(centre=centre, starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 1))
    first = timezone.make_aware(datetime.datetime(2027, 1, 1, 10, 0))
    series = services.series_schedule(
        group=group,
        rrule="FREQ=MONTHLY;BYMONTHDAY=1;COUNT=6",
        first_start=first,
        duration=datetime.timedelta(hours=2),
        exceptions=[datetime.date(2027, 4, 1)],
        actor=None,
    )
    days = [m.starts_at.date() for m in series.meetings.order_by("starts_at")]
    # 1 January and 1 May are public holidays in France, 1 March a closure, 1 April an exception.
    assert days == [datetime.date(2027, 2, 1), datetime.date(2027, 6, 1)]


def test_series_without_an_end_is_refused(centre):
    group = WorkingGroupFactory(centre=centre)
    with pytest.raises(DomainError):
        services.series_schedule(
            group=group,
            rrule="FREQ=WEEKLY",
            first_start=timezone.now(),
            duration=datetime.timedelta(hours=1),
            actor=None,
        )


def _meeting_with_item(centre):
    item = AgendaItemFactory(meeting=MeetingFactory(group=WorkingGroupFactory(centre=centre)))
    return item.meeting, item


def test_minute_with_a_visitor_phone_number_is_refused(centre):
    meeting, item = _meeting_with_item(centre)
    minutes = minutes_services.minutes_current(meeting)
    with pytest.raises(DomainError):
        minutes_services.minute_record(
            minutes=minutes,
            agenda_item=item,
            text="Le visiteur attend un appel au 06 12 34 56 78",
            outcome=Outcome.INFORMATION,
            actor=None,
        )


def test_action_outcome_creates_a_task_and_project_outcome_a_project(centre):
    meeting, item = _meeting_with_item(centre)
    owner = meeting.group.convenor
    minutes = minutes_services.minutes_current(meeting)
    minutes_services.minute_record(
        minutes=minutes, agenda_item=item, text="", outcome=Outcome.ACTION, owner=owner, actor=owner.user
    )
    minutes_services.minute_record(
        minutes=minutes,
        agenda_item=item,
        text="Signage",
        outcome=Outcome.PROJECT,
        owner=owner,
        title="New signage",
        actor=owner.user,
    )
    assert (Task.objects.filter(owner=owner).count(), Project.objects.filter(title="New signage").count()) == (1, 1)


def test_decision_outcome_enters_the_register(centre):
    meeting, item = _meeting_with_item(centre)
    minutes = minutes_services.minutes_current(meeting)
    minutes_services.minute_record(
        minutes=minutes, agenda_item=item, text="Agreed", outcome=Outcome.DECISION, actor=None
    )
    assert meeting.group.decisions.get().meeting == meeting


def _frozen(centre):
    meeting, item = _meeting_with_item(centre)
    minutes = minutes_services.minutes_current(meeting)
    minutes_services.minute_record(
        minutes=minutes, agenda_item=item, text="Noted", outcome=Outcome.INFORMATION, actor=None
    )
    for step in ("circulate", "approve", "freeze"):
        minutes = minutes_services.minutes_transition(minutes=minutes, transition=step, actor=None)
    return minutes, item


def test_frozen_minutes_are_not_written_again(centre):
    minutes, item = _frozen(centre)
    with pytest.raises(DomainError):
        minutes_services.minute_record(
            minutes=minutes, agenda_item=item, text="Changed", outcome=Outcome.INFORMATION, actor=None
        )


def test_draft_cannot_be_frozen_without_approval(centre):
    meeting, _item = _meeting_with_item(centre)
    with pytest.raises(DomainError):
        minutes_services.minutes_transition(
            minutes=minutes_services.minutes_current(meeting), transition="freeze", actor=None
        )


def test_correction_is_a_new_version_keeping_the_frozen_one(centre):
    minutes, _item = _frozen(centre)
    correction = minutes_services.minutes_correct(minutes=minutes, reason="Wrong date", actor=None)
    versions = list(Minutes.objects.filter(meeting=minutes.meeting).order_by("version").values_list("version", "state"))
    assert (versions, correction.items.count()) == ([(1, MinutesState.FROZEN), (2, MinutesState.DRAFTED)], 1)


def test_only_the_convenor_or_a_coordinator_takes_minutes(centre, member):
    meeting, item = _meeting_with_item(centre)
    adviser = member(Role.ADVISER)
    meeting.group.members.add(adviser)
    with pytest.raises(NotPermitted):
        minutes_services.minute_record(
            minutes=minutes_services.minutes_current(meeting),
            agenda_item=item,
            text="",
            outcome="information",
            actor=adviser.user,
        )


def _consent_poll(group):
    return polls.poll_open(
        group=group,
        kind=PollKind.CONSENT,
        question="Open on Saturdays?",
        closes_at=timezone.now() + datetime.timedelta(days=3),
        actor=None,
    )


def test_consent_poll_without_objection_enters_the_register(centre, member):
    group = WorkingGroupFactory(centre=centre)
    adviser = member(Role.ADVISER)
    group.members.add(adviser)
    poll = _consent_poll(group)
    polls.vote_cast(poll=poll, actor=group.convenor.user, answer="agree")
    polls.vote_cast(poll=poll, actor=adviser.user, answer="abstain")
    assert polls.poll_close(poll=poll, actor=None).decision.title == "Open on Saturdays?"


def test_one_objection_blocks_consent(centre, member):
    group = WorkingGroupFactory(centre=centre)
    adviser = member(Role.ADVISER)
    group.members.add(adviser)
    poll = _consent_poll(group)
    polls.vote_cast(poll=poll, actor=group.convenor.user, answer="agree")
    polls.vote_cast(poll=poll, actor=adviser.user, answer="object", reason="No staff on Saturdays")
    assert polls.poll_close(poll=poll, actor=None).decision is None


def test_objection_without_reason_is_refused(centre):
    group = WorkingGroupFactory(centre=centre)
    with pytest.raises(DomainError):
        polls.vote_cast(poll=_consent_poll(group), actor=group.convenor.user, answer="object")


def test_date_poll_schedules_the_most_chosen_date(centre, member):
    group = WorkingGroupFactory(centre=centre)
    adviser = member(Role.ADVISER)
    group.members.add(adviser)
    soon = timezone.now() + datetime.timedelta(days=10)
    dates = [soon, soon + datetime.timedelta(days=1)]
    poll = polls.poll_open(
        group=group, kind=PollKind.DATE, question="Next meeting", closes_at=soon, dates=dates, actor=None
    )
    first, second = poll.options.all()
    polls.vote_cast(poll=poll, actor=group.convenor.user, options=[first, second])
    polls.vote_cast(poll=poll, actor=adviser.user, options=[second])
    assert polls.poll_close(poll=poll, actor=None).meeting.starts_at == second.starts_at
