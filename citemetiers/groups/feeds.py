"""Meetings as calendar feeds (ICS) at secret addresses: one group's, or all of a person's groups'."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from citemetiers.centres.tenancy import centre_scope
from citemetiers.core.audit import audit_log
from citemetiers.groups.models import Meeting, MeetingFeed, WorkingGroup
from citemetiers.projects.selectors import my_memberships

if TYPE_CHECKING:
    from collections.abc import Iterable

    from citemetiers.accounts.models import User


def feed_regenerate(*, user: User, group: WorkingGroup | None, actor: User) -> MeetingFeed:
    """A new secret address of the group's meetings (or of all the person's groups' when `group` is None);
    the old one stops working (a calendar shared by mistake)."""
    with transaction.atomic():
        MeetingFeed.objects.filter(user=user, group=group).delete()
        feed = MeetingFeed.objects.create(user=user, group=group, token=secrets.token_urlsafe(32))
        audit_log(actor=actor, action="meeting.feed_regenerate", target=feed)
    return feed


def feed_meetings(feed: MeetingFeed) -> list[Meeting]:
    """The feed's meetings, read in each of its person's Cités' scope, through the groups they may read
    there: a group feed keeps only its group, and stops when the person no longer reads that group."""
    from citemetiers.groups.perms import readable_by_person

    meetings: dict[int, Meeting] = {}
    for membership in my_memberships(feed.user):
        with centre_scope(membership.centre):
            groups = WorkingGroup.objects.filter(readable_by_person(membership)).filter(members__pk=membership.pk)
            if feed.group_id is not None:
                groups = WorkingGroup.objects.filter(readable_by_person(membership)).filter(pk=feed.group_id)
            rows = Meeting.objects.filter(group__in=groups).select_related("group")
            meetings.update({meeting.pk: meeting for meeting in rows})
    return sorted(meetings.values(), key=lambda m: m.starts_at)


def meetings_calendar(meetings: Iterable[Meeting]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//citemetiers//groups//EN")
    calendar.add("version", "2.0")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@citemetiers")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", meeting.group.title)
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.video_url:
            event.add("url", meeting.video_url)
        calendar.add_component(event)
    return calendar.to_ical()
