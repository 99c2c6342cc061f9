"""Reads of the network school: editions and their archive, the programme, review queues, seeded projects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from citemetiers.accounts.roles import Role
from citemetiers.centres.tenancy import centre_scope
from citemetiers.projects import selectors as projects
from citemetiers.school import perms
from citemetiers.school.models import (
    Contribution,
    ContributionStatus,
    Edition,
    EditionStatus,
    Participant,
    ParticipantStatus,
    SeededProject,
    Slot,
)

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.projects.models import Project

PAST = (EditionStatus.HELD, EditionStatus.ARCHIVED)


def editions_visible(user: User) -> QuerySet[Edition]:
    """Every edition past the draft; drafts for those who may organise them."""
    editions = Edition.objects.select_related("host_centre").annotate(
        seeded_count=Count("seeded_projects", distinct=True)
    )
    if perms.can_run_school(user):
        return editions
    hosts = [m.centre_id for m in perms.staff_memberships(user) if m.has_role(Role.COORDINATOR)]
    return editions.filter(~Q(status=EditionStatus.DRAFT) | Q(host_centre__in=hosts))


def edition_for(user: User, pk: int) -> Edition | None:
    return editions_visible(user).select_related("call").filter(pk=pk).first()


def programme(edition: Edition) -> list[Slot]:
    """The timetable by day, time and room, with each contribution, its track and its Cité."""
    return list(
        Slot.objects.filter(edition=edition)
        .select_related("contribution__track", "contribution__cite", "contribution__author")
        # The linked resources read through the library's manager: in the network's scope, the shared ones.
        .prefetch_related("materials__translations")
        .order_by("day", "starts_at", "room", "pk")
    )


def agenda(user: User, edition: Edition) -> list[Slot]:
    """The sessions a participant picked, in the programme's order."""
    return list(
        # A cancellation empties the agenda: what is left is the participant's.
        Slot.objects.filter(edition=edition, picked_by__user=user)
        .select_related("contribution__track", "contribution__cite")
        .order_by("day", "starts_at", "room", "pk")
    )


def sessions_attended(participant: Participant) -> list[Slot]:
    """The sessions the organisers saw the participant at, in the programme's order: their certificate's."""
    return list(participant.attended_sessions.select_related("contribution").order_by("day", "starts_at", "room", "pk"))


@dataclass
class AttendanceRow:
    participant: Participant
    picked: bool  # the session is in the participant's agenda
    present: bool


def session_attendance(edition: Edition, slot: Slot) -> list[AttendanceRow]:
    """The registered participants at the door of a session: those who picked it first, then the others,
    each with whether the organisers saw them there. A fixed number of queries, whatever their number."""
    registered = Participant.objects.filter(edition=edition, status=ParticipantStatus.REGISTERED)
    picked = set(registered.filter(agenda=slot).values_list("pk", flat=True))
    present = set(registered.filter(attended_sessions=slot).values_list("pk", flat=True))
    participants = registered.select_related("user", "cite").order_by("cite__name", "user__full_name", "pk")
    rows = [AttendanceRow(p, p.pk in picked, p.pk in present) for p in participants]
    return sorted(rows, key=lambda row: not row.picked)


@dataclass
class SeededRow:
    project: Project
    contribution: Contribution | None
    percent: int


def seeded_projects(editions: list[Edition]) -> dict[int, list[SeededRow]]:
    """The network projects born at each edition, with their progress read as the projects app reads it."""
    rows = (
        SeededProject.objects.filter(edition__in=editions)
        .select_related("project__centre", "project__lead__user", "contribution")
        .prefetch_related("project__objectives", "project__milestones")
        .order_by("edition", "pk")
    )
    by_edition: dict[int, list[SeededRow]] = defaultdict(list)
    for row in rows:
        project = row.project
        # A measured objective reads its leading Cité's indicators, in that Cité's scope.
        with centre_scope(project.centre):
            shares = [projects.share_reached(o, projects.current_value(o)) for o in project.objectives.all()]
        percent = projects.progress(shares, list(project.milestones.all())).percent
        by_edition[row.edition_id].append(SeededRow(project, row.contribution, percent))
    return by_edition


def review_queue(user: User, edition: Edition) -> list[Contribution]:
    """What a named reviewer has to review: the edition's undecided contributions of Cités they do not
    work for (their own Cité's never reach them)."""
    if not perms.is_reviewer(user, edition):
        return []
    own = [m.centre_id for m in perms.staff_memberships(user)]
    contributions = Contribution.objects.filter(edition=edition, status=ContributionStatus.SUBMITTED)
    tracks = perms.reviewed_tracks(user, edition)
    if tracks:
        contributions = contributions.filter(track__in=tracks)
    return list(
        # A co-author's Cité is excluded as the author's is (exclude() across a relation drops the
        # contribution when any co-author matches).
        contributions.exclude(cite__in=own)
        .exclude(author=user)
        .exclude(co_authors__cite__in=own)
        .exclude(co_authors__user=user)
        .select_related("track")
        .prefetch_related(Prefetch("reviews", to_attr="all_reviews"))
        .order_by("submitted_at", "pk")
    )


def for_decision(edition: Edition) -> list[Contribution]:
    """Every contribution with its reviews' scores, for the programme committee."""
    return list(
        Contribution.objects.filter(edition=edition)
        .select_related("track", "cite", "author", "slot")
        .prefetch_related("reviews__scores", "reviews__reviewer")
        .order_by("track__name", "submitted_at", "pk")
    )


def my_contributions(user: User) -> list[Contribution]:
    return list(
        Contribution.objects.filter(Q(author=user) | Q(co_authors__user=user))
        .distinct()
        .select_related("edition", "track", "cite", "slot")
        .order_by("-edition__year", "submitted_at", "pk")
    )


def mean_score(contribution: Contribution) -> float | None:
    scores = [s.score for review in contribution.reviews.all() if not review.abstained for s in review.scores.all()]
    return round(sum(scores) / len(scores), 1) if scores else None
