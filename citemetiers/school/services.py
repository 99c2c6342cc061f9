"""Writes of the network school: editions and their life, call, tracks, criteria, reviewers, programme,
participants, and the network projects an edition seeds."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.models import Membership
from citemetiers.centres.tenancy import centre_scope
from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.library.vocab import Visibility
from citemetiers.projects.models import Scope
from citemetiers.projects.services import project_create, refuse_personal_data
from citemetiers.school import perms
from citemetiers.school.models import (
    CallForContributions,
    Contribution,
    ContributionStatus,
    Edition,
    EditionStatus,
    EditionTransition,
    Participant,
    ParticipantStatus,
    ScoreCategory,
    SeededProject,
    Slot,
    Track,
)
from citemetiers.school.workflow import TRANSITIONS, missing_for

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre
    from citemetiers.library.models import Resource
    from citemetiers.projects.models import Project


class IllegalTransition(DomainError):
    pass


def _may_organise(edition: Edition, actor: User | None) -> None:
    """No actor is the platform itself (the demo); otherwise an organiser of the edition."""
    if actor is not None and not perms.can_organise_edition(actor, edition):
        raise NotPermitted(_("Only the network's coordinators and the host Cité's coordinators organise an edition."))


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    refuse_personal_data(value, field)
    return value


def edition_create(
    *,
    year: int,
    season: str,
    host_centre: Centre,
    starts_on: date,
    ends_on: date,
    actor: User | None,
    venue: str = "",
    theme: str = "",
    languages: str = "fr,en",
    anonymised_review: bool = True,
    quota_per_cite: int | None = None,
) -> Edition:
    """Open a new edition as a draft, hosted by a Cité."""
    if actor is not None and not perms.can_run_school(actor):
        raise NotPermitted(_("Only the network's coordinators open a school edition."))
    if ends_on < starts_on:
        raise DomainError(_("The last day comes after the first."), field="ends_on")
    refuse_personal_data(venue, "venue")
    refuse_personal_data(theme, "theme")
    if Edition.objects.filter(year=year, season=season).exists():
        raise DomainError(_("This season of that year has its edition already."), field="year")
    with transaction.atomic():
        edition = Edition.objects.create(
            year=year,
            season=season,
            host_centre=host_centre,
            starts_on=starts_on,
            ends_on=ends_on,
            venue=venue or "",
            theme=theme or "",
            languages=languages or "",
            anonymised_review=anonymised_review,
            quota_per_cite=quota_per_cite,
        )
        audit_log(actor=actor, action="school.edition_create", target=edition)
    return edition


def edition_transition(*, edition: Edition, name: str, actor: User | None) -> Edition:
    """Move the edition on by one named transition; refused with what is still missing."""
    _may_organise(edition, actor)
    if name not in TRANSITIONS:
        raise IllegalTransition(_("This edition cannot move that way."))
    with transaction.atomic():
        # The edition's row locked: two organisers clicking at once move it once.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        source, target, _check, verb = TRANSITIONS[name]
        if edition.status != source:
            raise IllegalTransition(
                _("An edition that is %(status)s cannot %(verb)s.")
                % {"status": edition.get_status_display(), "verb": verb}
            )
        missing = missing_for(edition, name)
        if missing:
            raise IllegalTransition(
                _("Before you %(verb)s, the edition needs: %(missing)s.")
                % {"verb": verb, "missing": "; ".join(missing)}
            )
        edition.status = target
        edition.save(update_fields=["status"])
        EditionTransition.objects.create(edition=edition, from_status=source, to_status=target, actor=actor)
        audit_log(actor=actor, action="school.edition_transition", target=edition, changes={"status": [source, target]})
    return edition


def call_set(
    *, edition: Edition, opens_on: date, closes_on: date, actor: User | None, text: str = ""
) -> CallForContributions:
    """Set the call's dates (and its text) before or while it is open."""
    _may_organise(edition, actor)
    if closes_on < opens_on:
        raise DomainError(_("The call closes after it opens."), field="closes_on")
    if edition.status not in {EditionStatus.DRAFT, EditionStatus.CALL_OPEN}:
        raise DomainError(_("The call of an edition whose programme is published is closed for good."))
    refuse_personal_data(text, "text")
    with transaction.atomic():
        call, _created = CallForContributions.objects.update_or_create(
            edition=edition, defaults={"opens_on": opens_on, "closes_on": closes_on, "text": text or ""}
        )
        audit_log(actor=actor, action="school.call_set", target=edition)
    return call


def track_add(*, edition: Edition, name: str, actor: User | None) -> Track:
    _may_organise(edition, actor)
    name = _required(name, "name", _("Name the track."))
    with transaction.atomic():
        if Track.objects.filter(edition=edition, name=name).exists():
            raise DomainError(_("The edition has this track already."), field="name")
        track = Track.objects.create(edition=edition, name=name)
        audit_log(actor=actor, action="school.track_add", target=track)
    return track


def score_category_add(*, edition: Edition, name: str, actor: User | None) -> ScoreCategory:
    _may_organise(edition, actor)
    name = _required(name, "name", _("Name the criterion."))
    with transaction.atomic():
        category = ScoreCategory.objects.create(edition=edition, name=name)
        audit_log(actor=actor, action="school.criterion_add", target=category)
    return category


def reviewer_add(*, edition: Edition, reviewer: User, actor: User | None) -> Edition:
    """Name a reviewer: a member of a Cité's staff or of the network's."""
    _may_organise(edition, actor)
    if not perms.can_view_school(reviewer):
        raise DomainError(_("A reviewer works for a Cité or for the network."), field="reviewer")
    with transaction.atomic():
        edition.reviewers.add(reviewer)
        audit_log(actor=actor, action="school.reviewer_add", target=edition, changes={"reviewer": reviewer.pk})
    return edition


def track_reviewer_add(*, track: Track, reviewer: User, actor: User | None) -> Track:
    """Assign a reviewer to a track (naming them reviewer of the edition too): from then on they review
    that track's contributions only (their other assigned tracks beside it)."""
    edition = track.edition
    _may_organise(edition, actor)
    if not perms.can_view_school(reviewer):
        raise DomainError(_("A reviewer works for a Cité or for the network."), field="reviewer")
    with transaction.atomic():
        edition.reviewers.add(reviewer)
        track.reviewers.add(reviewer)
        audit_log(actor=actor, action="school.track_reviewer_add", target=track, changes={"reviewer": reviewer.pk})
    return track


def slot_add(
    *, contribution: Contribution, day: date, starts_at: time, ends_at: time, room: str, actor: User | None
) -> Slot:
    """Place an accepted contribution in the timetable, on a day of the edition."""
    edition = contribution.edition
    _may_organise(edition, actor)
    if contribution.status != ContributionStatus.ACCEPTED:
        raise DomainError(_("Only an accepted contribution takes a slot."), field="contribution")
    if not edition.starts_on <= day <= edition.ends_on:
        raise DomainError(_("The day is one of the edition's days."), field="day")
    if ends_at <= starts_at:
        raise DomainError(_("The end comes after the start."), field="ends_at")
    room = _required(room, "room", _("Name the room."))
    with transaction.atomic():
        if Slot.objects.filter(contribution=contribution).exists():
            raise DomainError(_("This contribution has its slot already."), field="contribution")
        overlapping = Slot.objects.filter(
            edition=edition, day=day, room=room, starts_at__lt=ends_at, ends_at__gt=starts_at
        ).exists()
        if overlapping:
            raise DomainError(_("The room is taken at that time."), field="starts_at")
        slot = Slot.objects.create(
            edition=edition, contribution=contribution, day=day, starts_at=starts_at, ends_at=ends_at, room=room
        )
        audit_log(actor=actor, action="school.slot_add", target=slot)
    return slot


def participant_register(*, edition: Edition, cite: Centre, actor: User) -> Participant:
    """Register a member of a Cité's staff with that Cité; beyond the Cité's quota, on the waiting list.
    Someone who cancelled registers again at the end of the queue."""
    if not any(m.centre_id == cite.pk for m in perms.staff_memberships(actor)):
        raise NotPermitted(_("You register with a Cité you work for."))
    if edition.status not in REGISTRATION_OPEN:
        raise DomainError(_("Registrations are open from the call until the edition is held."))
    with transaction.atomic():
        # The edition's row locked: the Cité's places are counted and taken by one registration at a time.
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        previous = Participant.objects.filter(edition=edition, user=actor).first()
        if previous is not None and previous.status != ParticipantStatus.CANCELLED:
            raise DomainError(_("You are registered already."))
        status = ParticipantStatus.REGISTERED
        if edition.quota_per_cite is not None and _taken(edition, cite) >= edition.quota_per_cite:
            status = ParticipantStatus.WAITING
        if previous is not None:
            participant = previous
            participant.cite, participant.status, participant.registered_at = cite, status, timezone.now()
            participant.save(update_fields=["cite", "status", "registered_at"])
        else:
            try:
                participant = Participant.objects.create(edition=edition, user=actor, cite=cite, status=status)
            except IntegrityError as error:
                raise DomainError(_("You are registered already.")) from error
        audit_log(actor=actor, action="school.register", target=participant, changes={"status": status})
    return participant


REGISTRATION_OPEN = (EditionStatus.CALL_OPEN, EditionStatus.PROGRAMME_PUBLISHED)


def _taken(edition: Edition, cite: Centre | int) -> int:
    return Participant.objects.filter(edition=edition, cite=cite, status=ParticipantStatus.REGISTERED).count()


def _promote(edition: Edition, cite_ids: list[int] | None = None) -> list[Participant]:
    """Give the free places of each Cité to its waiting list, first come first served. Called with the
    edition's row locked, which every registration, cancellation and quota change takes first."""
    waiting = Participant.objects.filter(edition=edition, status=ParticipantStatus.WAITING)
    if cite_ids is not None:
        waiting = waiting.filter(cite__in=cite_ids)
    promoted = []
    by_cite: dict[int, list[Participant]] = {}
    for participant in waiting.order_by("registered_at", "pk"):
        by_cite.setdefault(participant.cite_id, []).append(participant)
    for cite_id, queue in by_cite.items():
        free = len(queue) if edition.quota_per_cite is None else edition.quota_per_cite - _taken(edition, cite_id)
        promoted.extend(queue[: max(free, 0)])
    for participant in promoted:
        participant.status = ParticipantStatus.REGISTERED
        participant.save(update_fields=["status"])
        audit_log(actor=None, action="school.promote", target=participant, changes={"status": "registered"})
    return promoted


def participant_cancel(*, participant: Participant, actor: User | None) -> Participant:
    """The participant (or an organiser) cancels; a freed place goes to the Cité's first waiting."""
    if actor is not None and actor.pk != participant.user_id:
        _may_organise(participant.edition, actor)
    if participant.edition.status not in REGISTRATION_OPEN:
        raise DomainError(_("Registrations are open from the call until the edition is held."))
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=participant.edition_id)
        participant = Participant.objects.get(pk=participant.pk)
        if participant.status == ParticipantStatus.CANCELLED:
            raise DomainError(_("This registration is cancelled already."))
        previous = participant.status
        participant.status = ParticipantStatus.CANCELLED
        participant.attended = False
        participant.save(update_fields=["status", "attended"])
        participant.agenda.clear()
        participant.attended_sessions.clear()
        audit_log(actor=actor, action="school.cancel", target=participant, changes={"status": [previous, "cancelled"]})
        if previous == ParticipantStatus.REGISTERED:
            _promote(edition, [participant.cite_id])
    return participant


def edition_quota_set(*, edition: Edition, quota_per_cite: int | None, actor: User | None) -> Edition:
    """Change the places per Cité (none: no quota). A raised quota promotes the waiting in order; a lowered
    one takes no place back."""
    _may_organise(edition, actor)
    if quota_per_cite is not None and quota_per_cite < 1:
        raise DomainError(_("A Cité has at least one place, or no quota at all."), field="quota_per_cite")
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        previous = edition.quota_per_cite
        edition.quota_per_cite = quota_per_cite
        edition.save(update_fields=["quota_per_cite"])
        audit_log(
            actor=actor,
            action="school.quota_set",
            target=edition,
            changes={"quota_per_cite": [previous, quota_per_cite]},
        )
        _promote(edition)
    return edition


def attendance_record(*, participant: Participant, attended: bool, actor: User | None) -> Participant:
    _may_organise(participant.edition, actor)
    with transaction.atomic():
        # The participant's row locked, as a cancellation and a session's attendance take it.
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status != ParticipantStatus.REGISTERED:
            raise DomainError(_("Only a registered participant attends."))
        participant.attended = attended
        participant.save(update_fields=["attended"])
        audit_log(actor=actor, action="school.attendance", target=participant, changes={"attended": attended})
    return participant


ATTENDANCE_OPEN = (EditionStatus.PROGRAMME_PUBLISHED, EditionStatus.HELD)


def session_attendance_record(
    *, participant: Participant, slot: Slot, attended: bool, actor: User | None
) -> Participant:
    """The organisers mark a registered participant present at a session of the programme (or take the mark
    back), once the session's day has come. Being at a session is attending the edition."""
    _may_organise(participant.edition, actor)
    if slot.edition_id != participant.edition_id:
        raise DomainError(_("Choose a session of the edition's programme."), field="slot")
    with transaction.atomic():
        # The participant's row locked (theirs only, not the edition's): two organisers marking the same
        # person at once add one row (the second waits, then finds it), and a cancellation meanwhile is seen.
        participant = (
            Participant.objects.select_for_update(of=("self",))
            .select_related("edition__host_centre")
            .get(pk=participant.pk)
        )
        edition = participant.edition
        if edition.status not in ATTENDANCE_OPEN:
            raise DomainError(
                _("Attendance is recorded once the programme is published, until the edition is archived.")
            )
        if attended and slot.day > timezone.localdate(timezone=ZoneInfo(edition.host_centre.time_zone)):
            raise DomainError(_("A session is attended once its day has come."), field="slot")
        if participant.status != ParticipantStatus.REGISTERED:
            raise DomainError(_("Only a registered participant attends."), field="participant")
        if attended:
            participant.attended_sessions.add(slot)
            if not participant.attended:
                participant.attended = True
                participant.save(update_fields=["attended"])
        else:
            participant.attended_sessions.remove(slot)
        audit_log(
            actor=actor,
            action="school.session_attendance",
            target=participant,
            changes={"slot": slot.pk, "attended": attended},
        )
    return participant


def project_seed(
    *,
    edition: Edition,
    title: str,
    purpose: str,
    lead: User,
    lead_cite: Centre,
    actor: User | None,
    contribution: Contribution | None = None,
) -> Project:
    """Start the network project an edition gave birth to, led by a member of a Cité's staff.

    The project is made by the projects app's own service, with the network's scope, so that every Cité
    follows it. The organiser is checked here; the project service runs as the platform (no actor),
    since a network coordinator is no member of the leading Cité: the audit entry below names them.
    """
    _may_organise(edition, actor)
    if edition.status not in {EditionStatus.HELD, EditionStatus.ARCHIVED}:
        raise DomainError(_("An edition seeds its projects once it has been held."))
    if contribution is not None and contribution.edition_id != edition.pk:
        raise DomainError(_("The contribution is one of this edition's."), field="contribution")
    with centre_scope(lead_cite):
        membership = Membership.objects.active().filter(user=lead).first()
    if membership is None:
        raise DomainError(_("The lead works for the leading Cité."), field="lead")
    with transaction.atomic(), centre_scope(lead_cite):
        if contribution is not None:
            # Under the contribution's lock: a double submit seeds one project, and only an accepted
            # contribution seeds one.
            contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
            if contribution.status != ContributionStatus.ACCEPTED:
                raise DomainError(_("Only an accepted contribution seeds a project."), field="contribution")
            if SeededProject.objects.filter(contribution=contribution).exists():
                raise DomainError(_("This contribution has already seeded a project."), field="contribution")
        project = project_create(
            centre=lead_cite,
            title=title,
            purpose=purpose,
            scope=Scope.NETWORK,
            lead=membership,
            actor=None,
            source=str(edition),
            starts_on=edition.ends_on,
        )
        SeededProject.objects.create(edition=edition, project=project, contribution=contribution)
        audit_log(actor=actor, action="school.project_seed", target=edition, changes={"project": project.pk})
    return project


# -- Personal agendas and the library's materials ---------------------------------------------


def _participation(slot: Slot, actor: User) -> Participant:
    participant = (
        Participant.objects.filter(edition_id=slot.edition_id, user=actor)
        .exclude(status=ParticipantStatus.CANCELLED)
        .first()
    )
    if participant is None:
        raise NotPermitted(_("Register to the edition to pick its sessions."))
    return participant


def agenda_pick(*, slot: Slot, actor: User) -> Participant:
    """A participant adds a session of the programme to their personal agenda."""
    participant = _participation(slot, actor)
    with transaction.atomic():
        participant.agenda.add(slot)
        audit_log(actor=actor, action="school.agenda_pick", target=participant, changes={"slot": slot.pk})
    return participant


def agenda_drop(*, slot: Slot, actor: User) -> Participant:
    participant = _participation(slot, actor)
    with transaction.atomic():
        participant.agenda.remove(slot)
        audit_log(actor=actor, action="school.agenda_drop", target=participant, changes={"slot": slot.pk})
    return participant


def material_link(*, slot: Slot, resource: Resource, actor: User | None) -> Slot:
    """Link a library resource shared with the network (slides, a practice sheet) to a session: an
    organiser, or the session's author or a co-author. A Cité's own resource never reaches the school."""
    contribution = slot.contribution
    signer = actor is not None and any(person == actor.pk for person, _cite in perms.signers(contribution))
    if not signer:
        _may_organise(slot.edition, actor)
    if resource.visibility != Visibility.NETWORK:
        raise DomainError(_("Only a resource shared with the whole network is linked to a session."), field="resource")
    with transaction.atomic():
        slot.materials.add(resource)
        audit_log(actor=actor, action="school.material_link", target=slot, changes={"resource": resource.pk})
    return slot
