"""Writes of the events app: types, sessions and recurring workshops, registrations and attendance.

A session's places are counted under a lock on the session's row: two registrations for its last
place wait for each other, so the second one joins the waiting list instead of overbooking.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.recurrence import occurrences
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError
from citemetiers.events.models import (
    HOLDING,
    Evaluation,
    EventTemplate,
    EventType,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from citemetiers.events.signals import session_mark_changed

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# Without 0/O, 1/I/L and U/V: a code read aloud at the door or typed from a slip is not misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 6
SESSION_FIELDS = (
    "event_type",
    "title",
    "description",
    "audience",
    "place_kind",
    "room",
    "service",
    "online_link",
    "capacity",
    "accessibility",
)
SESSION_RELATIONS = ("themes", "occupations", "facilitators", "partner_organisations")


def normalise_code(code: str) -> str:
    return "".join(char for char in (code or "").upper() if char.isalnum())


def _new_code(centre: Centre) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Registration.objects.filter(centre=centre, code=code).exists():
            return code


def _check_belongs(centre: Centre, data: Mapping[str, Any]) -> None:
    for field in ("event_type", "service"):
        value = data.get(field)
        if value is not None and value.centre_id != centre.pk:
            raise DomainError(_("This choice is not one of this Cité's."), field=field)
    if data.get("capacity") is not None and data["capacity"] < 1:
        raise DomainError(_("A session holds at least one place."), field="capacity")


def event_type_create(*, centre: Centre, data: Mapping[str, Any], actor: User) -> EventType:
    area = data.get("advice_area")
    if area is not None and area.centre_id != centre.pk:
        raise DomainError(_("This choice is not one of this Cité's."), field="advice_area")
    with transaction.atomic():
        event_type = EventType.objects.create(centre=centre, **data)
        audit_log(actor=actor, action="event_type.create", target=event_type, centre=centre)
    return event_type


def _set_relations(session: Session, data: Mapping[str, Any]) -> None:
    for name in SESSION_RELATIONS:
        if name in data:
            getattr(session, name).set(data[name])


def _check_window(opens: datetime | None, closes: datetime | None) -> None:
    if opens and closes and closes <= opens:
        raise DomainError(_("Registration closes after it opens."), field="registration_closes")


def session_create(*, centre: Centre, data: Mapping[str, Any], actor: User | None) -> Session:
    """A one-off event: its fields, its start and end, its registration window."""
    _check_belongs(centre, data)
    if data["ends_at"] <= data["starts_at"]:
        raise DomainError(_("An event ends after it starts."), field="ends_at")
    _check_window(data.get("registration_opens"), data.get("registration_closes"))
    plain = {key: value for key, value in data.items() if key not in SESSION_RELATIONS}
    with transaction.atomic():
        session = Session.objects.create(centre=centre, **plain)
        _set_relations(session, data)
        session_mark_changed(session)
        audit_log(actor=actor, action="event_session.create", target=session, centre=centre)
    return session


def template_create(*, centre: Centre, data: Mapping[str, Any], actor: User | None) -> EventTemplate:
    """A recurring workshop and its sessions, one per date of its rule that the Cité opens."""
    _check_belongs(centre, data)
    if not data.get("duration") or data["duration"] <= 0:
        raise DomainError(_("An event ends after it starts."), field="duration")
    starts = occurrences(centre=centre, rule=data["rrule"], first_start=data["first_start"])
    if not starts:
        raise DomainError(_("The rule gives no date on which the Cité opens."), field="rrule")
    with transaction.atomic():
        template = EventTemplate.objects.create(centre=centre, **data)
        length = timedelta(minutes=template.duration)
        common = {field: getattr(template, field) for field in SESSION_FIELDS}
        sessions = Session.objects.bulk_create(
            Session(centre=centre, template=template, starts_at=start, ends_at=start + length, **common)
            for start in starts
        )
        for session in sessions:
            session_mark_changed(session)
        audit_log(
            actor=actor,
            action="event_template.create",
            target=template,
            centre=centre,
            changes={"sessions": len(starts)},
        )
    return template


def session_update(*, session: Session, data: Mapping[str, Any], actor: User) -> Session:
    """Edit one session (of a recurring workshop too: the others keep theirs); more places promote the waiting."""
    _check_belongs(session.centre, data)
    plain = {key: value for key, value in data.items() if key not in SESSION_RELATIONS}
    if plain.get("ends_at") and plain.get("starts_at") and plain["ends_at"] <= plain["starts_at"]:
        raise DomainError(_("An event ends after it starts."), field="ends_at")
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        _check_window(
            plain.get("registration_opens", locked.registration_opens),
            plain.get("registration_closes", locked.registration_closes),
        )
        changes = diff_fields(locked, plain)
        session_mark_changed(locked)  # the day it leaves, if it moves
        for field, value in plain.items():
            setattr(locked, field, value)
        locked.save()
        session_mark_changed(locked)
        _set_relations(locked, data)
        if locked.status == SessionStatus.SCHEDULED:
            _promote(locked, timezone.now())
        audit_log(actor=actor, action="event_session.update", target=locked, centre=locked.centre, changes=changes)
    return locked


def session_cancel(*, session: Session, actor: User) -> Session:
    """Cancel a session: every code's page then says so (we have no address to write to)."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.status == SessionStatus.CANCELLED:
            raise DomainError(_("This session is already cancelled."))
        locked.status = SessionStatus.CANCELLED
        locked.save(update_fields=["status"])
        count = locked.registrations.filter(
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
        ).update(status=RegistrationStatus.CANCELLED, cancelled_by_centre=True)
        session_mark_changed(locked)
        audit_log(
            actor=actor, action="event_session.cancel", target=locked, centre=locked.centre, changes={"codes": count}
        )
    return locked


def held_places(session: Session) -> int:
    return session.registrations.filter(status__in=HOLDING).aggregate(total=Sum("places"))["total"] or 0


def _promote(session: Session, now: datetime) -> list[Registration]:
    """Give the freed places to the waiting list in its order, under the caller's lock on the session.
    A group that does not fit lets a smaller one after it through rather than keep places empty."""
    free = session.capacity - held_places(session)
    promoted = []
    for registration in session.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk"):
        if free <= 0:
            break
        if registration.places <= free:
            registration.status = RegistrationStatus.REGISTERED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at"])
            free -= registration.places
            promoted.append(registration)
    return promoted


def registration_create(
    *, session: Session, actor: User | None, places: int = 1, now: datetime | None = None
) -> Registration:
    """Register a visitor, or a group under one code, without anything about who they are: a place while
    there is one, else a place on the waiting list."""
    now = now or timezone.now()
    if places < 1 or places > session.capacity:
        raise DomainError(_("Choose between 1 and %(max)d places.") % {"max": session.capacity}, field="places")
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.status != SessionStatus.SCHEDULED:
            raise DomainError(_("This session is cancelled."))
        if locked.ends_at <= now:
            raise DomainError(_("This session is over."))
        if (locked.registration_opens and now < locked.registration_opens) or (
            locked.registration_closes and now > locked.registration_closes
        ):
            raise DomainError(_("Registration for this session is not open."))
        fits = held_places(locked) + places <= locked.capacity
        waiting_ahead = locked.registrations.filter(status=RegistrationStatus.WAITING).exists()
        registration = Registration.objects.create(
            centre=locked.centre,
            session=locked,
            code=_new_code(locked.centre),
            secret=secrets.token_urlsafe(32)[:43],
            places=places,
            # Nobody jumps the waiting list: with codes waiting, a new one waits behind them.
            status=RegistrationStatus.REGISTERED if fits and not waiting_ahead else RegistrationStatus.WAITING,
            created_at=now,
        )
        session_mark_changed(locked)
        audit_log(
            actor=actor,
            action="event_registration.create",
            target=registration,
            centre=locked.centre,
            changes={"status": registration.status, "places": places},
        )
    return registration


def registration_cancel(*, registration: Registration, actor: User | None) -> Registration:
    """The visitor gives up their place (or their waiting position); the next waiting code gets it."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        locked = Registration.objects.get(pk=registration.pk)
        if locked.status not in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
            raise DomainError(_("This registration cannot be cancelled any more."))
        locked.status = RegistrationStatus.CANCELLED
        locked.save(update_fields=["status"])
        promoted = _promote(session, timezone.now()) if session.status == SessionStatus.SCHEDULED else []
        session_mark_changed(session)
        audit_log(
            actor=actor,
            action="event_registration.cancel",
            target=locked,
            centre=locked.centre,
            changes={"promoted": [item.code for item in promoted]},
        )
    return locked


def registration_check_in(*, session: Session, code: str, actor: User) -> Registration:
    """At the door: the code typed or scanned marks its places attended."""
    code = normalise_code(code)
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        registration = locked.registrations.filter(code=code).first()
        if registration is None:
            raise DomainError(
                _("No registration of this session has the code %(code)s.") % {"code": code}, field="code"
            )
        if registration.status == RegistrationStatus.ATTENDED:
            raise DomainError(_("The code %(code)s is already checked in.") % {"code": code}, field="code")
        if registration.status == RegistrationStatus.WAITING:
            # A no-show's place goes to the waiting list at the door, in the list's order.
            _promote(locked, timezone.now())
            registration.refresh_from_db()
        if registration.status != RegistrationStatus.REGISTERED:
            raise DomainError(
                _("The code %(code)s holds no place: %(status)s.")
                % {"code": code, "status": RegistrationStatus(registration.status).label},
                field="code",
            )
        registration.status = RegistrationStatus.ATTENDED
        registration.save(update_fields=["status"])
        session_mark_changed(locked)
        audit_log(actor=actor, action="event_registration.attend", target=registration, centre=locked.centre)
    return registration


def session_head_count(*, session: Session, walk_ins: int, actor: User) -> Session:
    """The people who came without registering, counted at the door."""
    if walk_ins < 0:
        raise DomainError(_("A head count cannot be negative."), field="walk_ins")
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        changes = diff_fields(locked, {"walk_ins": walk_ins})
        locked.walk_ins = walk_ins
        locked.save(update_fields=["walk_ins"])
        session_mark_changed(locked)
        audit_log(actor=actor, action="event_session.head_count", target=locked, centre=locked.centre, changes=changes)
    return locked


def evaluation_create(*, registration: Registration, score: int, comment: str = "") -> Evaluation:
    """The visitor's anonymous satisfaction, once per code that attended."""
    if registration.status != RegistrationStatus.ATTENDED:
        raise DomainError(_("Only a code checked in at the session can evaluate it."))
    if not 1 <= score <= 5:
        raise DomainError(_("Choose a score from 1 to 5."), field="score")
    with transaction.atomic():
        if Evaluation.objects.filter(registration=registration).exists():
            raise DomainError(_("This session has been evaluated with this code already."))
        evaluation = Evaluation.objects.create(
            centre=registration.centre, registration=registration, score=score, comment=comment
        )
        audit_log(actor=None, action="event_evaluation.create", target=evaluation, centre=registration.centre)
    return evaluation
