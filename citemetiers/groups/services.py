"""Writes of working groups: groups, members, meetings and series, agenda, attendance."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from citemetiers.centres.recurrence import occurrences
from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.groups import perms
from citemetiers.groups.models import (
    AgendaItem,
    Attendance,
    GroupScope,
    Meeting,
    MeetingSeries,
    Presence,
    WorkingGroup,
)
from citemetiers.projects.services import refuse_personal_data

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre, Membership


def acting_membership(group: WorkingGroup, actor: User | None) -> Membership | None:
    """The actor's membership that counts for this group: the one that is a member of it (invited from
    another Cité, maybe), else their membership of the convening Cité; None for the platform itself."""
    if actor is None:
        return None
    # Through the link table: the membership of an invited member belongs to another Cité, which the
    # scoped manager of Membership would not read inside this Cité's scope.
    link = (
        group_members(group)
        .filter(membership__user=actor, membership__is_active=True)
        .select_related("membership")
        .first()
    )
    if link is not None:
        return link.membership
    from citemetiers.centres.selectors import membership_of

    return membership_of(actor, group.centre_id)


def group_members(group: WorkingGroup) -> QuerySet[Any]:
    """The links of a group to its members, of whatever Cité."""
    return WorkingGroup.members.through.objects.filter(workinggroup_id=group.pk)


def member_list(group: WorkingGroup) -> list[Membership]:
    return [link.membership for link in group_members(group).select_related("membership")]


def require(
    group: WorkingGroup, actor: User | None, predicate: Callable[[Membership | None, WorkingGroup], bool], refusal: str
) -> Membership | None:
    """Refuse `actor` unless `predicate(membership, group)` holds; no actor is the platform (the demo)."""
    if actor is None:
        return None
    membership = acting_membership(group, actor)
    if not predicate(membership, group):
        raise NotPermitted(refusal)
    return membership


def group_create(
    *,
    centre: Centre,
    title: str,
    mandate: str,
    convenor: Membership,
    actor: User | None,
    scope: str = GroupScope.CENTRE,
    admission: str = "open",
    members: Iterable[Membership] = (),
) -> WorkingGroup:
    """Convene a working group; its members may come from any organisation and, invited, any Cité."""
    if actor is not None:
        from citemetiers.centres.selectors import membership_required

        membership_required(
            actor,
            centre.pk,
            perms.can_create_group,
            _("Only coordinators and back-office staff convene working groups."),
        )
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give it a title."), field="title")
    refuse_personal_data(title, "title")
    refuse_personal_data(mandate, "mandate")
    members = list(members)
    if scope == GroupScope.CENTRE and convenor.centre_id != centre.pk:
        raise DomainError(_("The convenor is a member of this Cité's staff."), field="convenor")
    with transaction.atomic():
        group = WorkingGroup.objects.create(
            centre=centre, title=title, mandate=mandate or "", scope=scope, admission=admission, convenor=convenor
        )
        group.members.set({convenor, *members})
        audit_log(actor=actor, action="working_group.create", target=group, centre=centre)
    return group


def group_invite(*, group: WorkingGroup, member: Membership, actor: User | None) -> WorkingGroup:
    """Invite a member of the staff, of this Cité or of another: they see this group and nothing else."""
    require(group, actor, perms.can_manage_group, _("Only the group's convenor or a coordinator invites members."))
    if not member.is_active:
        raise DomainError(_("This person is no longer a member of the staff."), field="member")
    with transaction.atomic():
        group.members.add(member)
        audit_log(
            actor=actor,
            action="working_group.invite",
            target=group,
            centre=group.centre,
            changes={"member": [None, str(member)]},
        )
    return group


def _check_meeting(starts_at: datetime, ends_at: datetime, place: str) -> None:
    # A date typed far off (year 9999) would overflow when stored in UTC: a clear refusal instead.
    if not (2000 <= starts_at.year <= 2100 and ends_at.year <= 2100):
        raise DomainError(_("Choose a date between 2000 and 2100."), field="starts_at")
    if ends_at <= starts_at:
        raise DomainError(_("The meeting ends after it starts."), field="ends_at")
    refuse_personal_data(place, "place")


def meeting_schedule(
    *,
    group: WorkingGroup,
    starts_at: datetime,
    ends_at: datetime,
    actor: User | None,
    place: str = "",
    video_url: str = "",
) -> Meeting:
    """Schedule a one-off meeting; every member is invited."""
    require(group, actor, perms.can_manage_group, _("Only the group's convenor or a coordinator schedules meetings."))
    _check_meeting(starts_at, ends_at, place)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            centre=group.centre, group=group, starts_at=starts_at, ends_at=ends_at, place=place, video_url=video_url
        )
        _invite_all(meeting)
        audit_log(actor=actor, action="meeting.schedule", target=meeting, centre=group.centre)
    return meeting


def _invite_all(meeting: Meeting) -> None:
    Attendance.objects.bulk_create(
        [Attendance(centre=meeting.centre, meeting=meeting, member=m) for m in member_list(meeting.group)]
    )


def series_schedule(
    *,
    group: WorkingGroup,
    rrule: str,
    first_start: datetime,
    duration: timedelta,
    actor: User | None,
    exceptions: Iterable[date] = (),
    place: str = "",
    video_url: str = "",
) -> MeetingSeries:
    """Schedule a series by its recurrence rule: the days the Cité is closed and the exceptions are skipped."""
    require(group, actor, perms.can_manage_group, _("Only the group's convenor or a coordinator schedules meetings."))
    _check_meeting(first_start, first_start + duration, place)
    exceptions = set(exceptions)
    starts = occurrences(centre=group.centre, rule=rrule, first_start=first_start, exceptions=exceptions)
    with transaction.atomic():
        series = MeetingSeries.objects.create(
            centre=group.centre,
            group=group,
            rrule=rrule,
            first_start=first_start,
            exceptions=sorted(day.isoformat() for day in exceptions),
        )
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    centre=group.centre,
                    group=group,
                    series=series,
                    starts_at=start,
                    ends_at=start + duration,
                    place=place,
                    video_url=video_url,
                )
                for start in starts
            ]
        )
        members = member_list(group)
        Attendance.objects.bulk_create(
            [Attendance(centre=group.centre, meeting=m, member=member) for m in meetings for member in members]
        )
        audit_log(actor=actor, action="meeting_series.schedule", target=series, centre=group.centre)
    return series


def agenda_item_propose(*, meeting: Meeting, title: str, actor: User | None) -> AgendaItem:
    """Any member proposes an item before the meeting starts."""
    from django.utils import timezone

    proposer = require(meeting.group, actor, perms.can_take_part, _("Only the group's members propose agenda items."))
    if proposer is None:
        proposer = meeting.group.convenor
    if meeting.starts_at <= timezone.now():
        raise DomainError(_("Agenda items are proposed before the meeting starts."), field="title")
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give it a title."), field="title")
    refuse_personal_data(title, "title")
    with transaction.atomic():
        # The meeting's row locked: two members proposing at once get positions n+1 and n+2.
        list(Meeting.objects.select_for_update(of=("self",)).filter(pk=meeting.pk).values_list("pk", flat=True))
        item = AgendaItem.objects.create(
            centre=meeting.centre,
            meeting=meeting,
            title=title,
            proposed_by=proposer,
            position=meeting.agenda.count() + 1,
        )
        audit_log(actor=actor, action="agenda_item.propose", target=item, centre=meeting.centre)
    return item


def attendance_record(*, meeting: Meeting, member: Membership, status: str, actor: User | None) -> Attendance:
    """Record who attended or was excused."""
    require(
        meeting.group,
        actor,
        perms.can_manage_group,
        _("Only the group's convenor or a coordinator records attendance."),
    )
    if status not in Presence.values:
        raise DomainError(_("Choose invited, attended or excused."), field="status")
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"status": status, "centre": meeting.centre}
        )
        audit_log(actor=actor, action="attendance.record", target=attendance, centre=meeting.centre)
    return attendance


def attendance_record_all(
    *, meeting: Meeting, changes: Iterable[tuple[Membership, str]], actor: User | None
) -> list[Attendance]:
    """Record the attendance page's rows together: one refused row writes none of them, so that the
    page sent again is the whole list as it was, not half of it already saved."""
    with transaction.atomic():
        return [
            attendance_record(meeting=meeting, member=member, status=status, actor=actor) for member, status in changes
        ]
