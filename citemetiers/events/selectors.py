"""Reads of the events app, scoped by the Cité that looks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Count, Model, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from citemetiers.events.models import HOLDING, Registration, RegistrationStatus, Session, SessionStatus

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre


def with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Each session with its places held, waiting and attended, in the one query of the list."""

    def places(*statuses: str) -> Coalesce:
        return Coalesce(Sum("registrations__places", filter=Q(registrations__status__in=statuses)), 0)

    return sessions.select_related("event_type").annotate(
        registered_places=places(*HOLDING),
        waiting_places=places(RegistrationStatus.WAITING),
        attended_places=places(RegistrationStatus.ATTENDED),
    )


def held_figures(
    *, centre: Centre, start: datetime | None = None, end: datetime | None = None
) -> list[tuple[datetime, int | None, int, int, int, int, int]]:
    """For the daily aggregates, each scheduled session starting in [start, end) (all without bounds):
    its start, advice area, places, walk-ins, places held, waiting and attended, in one query."""
    sessions = Session.objects.for_centre(centre).scheduled()
    if start is not None:
        sessions = sessions.filter(starts_at__gte=start)
    if end is not None:
        sessions = sessions.filter(starts_at__lt=end)
    counted: QuerySet[Any] = with_counts(sessions).order_by()  # the annotations, unknown to the stubs
    return list(
        counted.values_list(
            "starts_at",
            "event_type__advice_area",
            "capacity",
            "walk_ins",
            "registered_places",
            "waiting_places",
            "attended_places",
        )
    )


def sessions_between(*, centre: Centre, start: datetime, end: datetime) -> QuerySet[Session]:
    return with_counts(Session.objects.for_centre(centre).filter(starts_at__gte=start, starts_at__lt=end))


def sessions_today(*, centre: Centre) -> QuerySet[Session]:
    """The day's scheduled sessions, for reception's home and the door."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return sessions_between(centre=centre, start=start, end=start + timedelta(days=1)).filter(
        status=SessionStatus.SCHEDULED
    )


def sessions_open_for_registration(*, centre: Centre) -> QuerySet[Session]:
    """What reception may send a visitor to: scheduled sessions not yet over."""
    now = timezone.now()
    return (
        Session.objects.for_centre(centre)
        .scheduled()
        .filter(ends_at__gt=now)
        .filter(Q(registration_closes__isnull=True) | Q(registration_closes__gt=now))
        .filter(Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class Facilitation:
    """A person facilitating a session: what the roster shows and the planner keeps free."""

    user_id: int
    name: str
    session_id: int
    title: str
    starts_at: datetime
    ends_at: datetime


def facilitations_between(
    *, centre: Centre, start: datetime, end: datetime, user_ids: Iterable[int] | None = None
) -> list[Facilitation]:
    """The Cité's scheduled sessions that overlap [start, end), one row per facilitator, in one query."""
    sessions = Session.objects.for_centre(centre).scheduled().filter(starts_at__lt=end, ends_at__gt=start)
    # The through table, reached from the Cité's own sessions: one row per person and session.
    through = cast("type[Model]", Session.facilitators.through)  # typed Never by the stubs
    rows = through._default_manager.filter(session__in=sessions)
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    session = ("session_id", "session__title", "session__starts_at", "session__ends_at")
    values = rows.order_by("session__starts_at", "session_id", "user__full_name").values_list(
        "user_id", "user__full_name", "user__email", *session
    )
    return [Facilitation(user_id, full_name or email, *fields) for user_id, full_name, email, *fields in values]


def waiting_position(registration: Registration) -> int | None:
    """1 for the first code of the waiting list; None for a code that is not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(session_id=registration.session_id, status=RegistrationStatus.WAITING).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def _rate(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def indicators_by_type(*, centre: Centre, since: datetime | None = None) -> list[dict[str, Any]]:
    """Per event type, the sessions held (not cancelled, already started): their fill rate, attendance
    rate and no-shows. A place held but not checked in after the start is a no-show."""
    sessions = with_counts(
        Session.objects.for_centre(centre).scheduled().filter(starts_at__lte=timezone.now())
    ).order_by()
    if since is not None:
        sessions = sessions.filter(starts_at__gte=since)
    rows: dict[int, dict[str, Any]] = {}
    for session in sessions:
        row = rows.setdefault(
            session.event_type_id,
            {"type": session.event_type, "sessions": 0, "capacity": 0, "registered": 0, "attended": 0, "no_shows": 0},
        )
        row["sessions"] += 1
        row["capacity"] += session.capacity
        # Annotated by with_counts(); read by name, as the ORM adds them at run time.
        registered, attended = getattr(session, "registered_places"), getattr(session, "attended_places")  # noqa: B009
        row["registered"] += registered
        row["attended"] += attended + session.walk_ins
        row["no_shows"] += registered - attended
    for row in rows.values():
        row["fill_rate"] = _rate(row["registered"], row["capacity"])
        row["attendance_rate"] = _rate(row["registered"] - row["no_shows"], row["registered"])
    return sorted(rows.values(), key=lambda row: row["type"].name)


def sessions_count(*, centre: Centre) -> int:
    return Session.objects.for_centre(centre).aggregate(total=Count("pk"))["total"]
