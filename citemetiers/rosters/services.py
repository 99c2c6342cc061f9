"""Writes of the rosters: desks, what advisers can do and when, shifts by hand, asking for and
publishing the planner's proposals.

Reads live in `selectors.py`, the planner's orchestration (the problem built from the Cité's
records, the solve, the proposal's result) in `planning.py`, its background task in `tasks.py`,
the calendar feed in `feeds.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citemetiers.centres.models import Centre, Membership
from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.core.notifications import notify
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters import tasks
from citemetiers.rosters.models import (
    Absence,
    Availability,
    Coverage,
    Desk,
    Proposal,
    ProposalStatus,
    Shift,
)
from citemetiers.rosters.perms import can_plan_rosters, can_set_availability
from citemetiers.rosters.selectors import proposal_diff, shift_key
from citemetiers.rosters.slots import open_cells

if TYPE_CHECKING:
    from citemetiers.accounts.models import User

MAX_PERIOD_DAYS = 62


def _check_may_plan(centre_id: int, actor: User | None) -> None:
    """The services check the planner's role themselves, whoever calls them (a view, a command, a test);
    no actor is the platform itself (the demo, a command), never a person: it is not refused."""
    if actor is None:
        return
    membership_required(
        actor, centre_id, can_plan_rosters, _("Only the logistics staff and the coordinators plan the rosters.")
    )


def _check_may_set_availability(person: Membership, actor: User | None) -> None:
    if actor is None:
        return
    membership_required(
        actor,
        person.centre_id,
        lambda membership: can_set_availability(membership, person),
        _("An adviser says when they are available; the planners say it for the others."),
    )


# -- Desks, coverage, availability, absences ---------------------------------------------------


def desk_save(
    *, centre: Centre, desk: Desk | None, name: str, capacity: int, is_active: bool, actor: User | None
) -> Desk:
    _check_may_plan(centre.pk, actor)
    if capacity < 1:
        raise DomainError(_("A desk holds at least one adviser."), field="capacity")
    try:
        with transaction.atomic():
            if desk is None:
                desk = Desk.objects.create(centre=centre, name=name, capacity=capacity, is_active=is_active)
                action = "desk.create"
            else:
                desk.name, desk.capacity, desk.is_active = name, capacity, is_active
                desk.save()
                action = "desk.update"
            audit_log(actor=actor, action=action, target=desk, centre=centre)
    except IntegrityError as error:
        raise DomainError(_("This Cité already has a desk with this name."), field="name") from error
    return desk


def coverage_set(*, membership: Membership, areas: Iterable[AdviceArea], actor: User) -> None:
    _check_may_set_availability(membership, actor)
    areas = list(areas)
    if any(area.centre_id != membership.centre_id for area in areas):
        raise DomainError(_("Choose advice areas of this Cité."), field="areas")
    with transaction.atomic():
        Coverage.objects.filter(membership=membership).exclude(area__in=areas).delete()
        for area in areas:
            Coverage.objects.get_or_create(centre_id=membership.centre_id, membership=membership, area=area)
        audit_log(
            actor=actor,
            action="roster.coverage_set",
            target=membership,
            centre=membership.centre,
            changes={"areas": sorted(area.pk for area in areas)},
        )


def week_set(
    *,
    membership: Membership,
    cells: Iterable[tuple[int, str]],
    valid_from: date,
    areas: Iterable[AdviceArea],
    actor: User,
) -> None:
    """The availability page's week: the half-days and the areas covered, saved together or not at all
    (a refused area must not leave the new half-days saved behind an error message)."""
    with transaction.atomic():
        availability_set(membership=membership, cells=cells, valid_from=valid_from, actor=actor)
        coverage_set(membership=membership, areas=areas, actor=actor)


def availability_set(
    *, membership: Membership, cells: Iterable[tuple[int, str]], valid_from: date, actor: User | None
) -> None:
    """Replace an adviser's weekly availability from `valid_from`; what held before that date is kept."""
    _check_may_set_availability(membership, actor)
    cells = sorted(set(cells))
    with transaction.atomic():
        current = Availability.objects.filter(membership=membership, one_off=False).filter(
            Q(valid_until=None) | Q(valid_until__gte=valid_from)
        )
        current.filter(valid_from__gte=valid_from).delete()
        current.filter(valid_from__lt=valid_from).update(valid_until=valid_from - timedelta(days=1))
        Availability.objects.bulk_create(
            Availability(
                centre_id=membership.centre_id,
                membership=membership,
                weekday=weekday,
                slot=slot,
                valid_from=valid_from,
            )
            for weekday, slot in cells
        )
        audit_log(
            actor=actor,
            action="roster.availability_set",
            target=membership,
            centre=membership.centre,
            changes={"from": valid_from, "half_days": [f"{w}{s}" for w, s in cells]},
        )


def availability_add_one_off(*, membership: Membership, day: date, slot: str, actor: User) -> Availability:
    """An adviser is available on one half-day outside their weekly pattern (an exception, not a rule)."""
    _check_may_set_availability(membership, actor)
    if (day, slot) not in open_cells(membership.centre, day, day):
        raise DomainError(_("The Cité is closed on that half-day."), field="day")
    with transaction.atomic():
        one_off, _created = Availability.objects.get_or_create(
            centre_id=membership.centre_id,
            membership=membership,
            weekday=day.weekday(),
            slot=slot,
            valid_from=day,
            valid_until=day,
            one_off=True,
        )
        audit_log(
            actor=actor,
            action="roster.availability_one_off",
            target=membership,
            centre=membership.centre,
            changes={"day": day, "slot": slot},
        )
    return one_off


def absence_add(*, membership: Membership, starts_on: date, ends_on: date, actor: User) -> Absence:
    _check_may_set_availability(membership, actor)
    if ends_on < starts_on:
        raise DomainError(_("The last day comes after the first."), field="ends_on")
    with transaction.atomic():
        absence = Absence.objects.create(
            centre_id=membership.centre_id, membership=membership, starts_on=starts_on, ends_on=ends_on
        )
        audit_log(actor=actor, action="roster.absence_add", target=membership, centre=membership.centre)
    return absence


# -- Shifts by hand ------------------------------------------------------------------------------


def shift_add(
    *,
    centre: Centre,
    membership: Membership,
    area: AdviceArea,
    desk: Desk,
    day: date,
    slot: str,
    locked: bool,
    actor: User,
) -> Shift:
    """Put an adviser on duty by hand; a shift made by hand is locked unless said otherwise."""
    _check_may_plan(centre.pk, actor)
    if not {membership.centre_id, area.centre_id, desk.centre_id} == {centre.pk}:
        raise DomainError(_("Choose an adviser, an area and a desk of this Cité."))
    if (day, slot) not in open_cells(centre, day, day):
        raise DomainError(_("The Cité is closed on that half-day."), field="slot")
    with transaction.atomic():
        # The Cité's row is the roster's lock: hand edits and publishing take turns.
        Centre.objects.select_for_update().filter(pk=centre.pk).first()
        taken = Shift.objects.filter(centre=centre, desk=desk, date=day, slot=slot).count()
        if taken >= desk.capacity:
            raise DomainError(_("This desk is already taken on that half-day."), field="desk")
        try:
            with transaction.atomic():
                shift = Shift.objects.create(
                    centre=centre, membership=membership, area=area, desk=desk, date=day, slot=slot, locked=locked
                )
        except IntegrityError as error:
            raise DomainError(_("This adviser is already on duty on that half-day."), field="membership") from error
        audit_log(actor=actor, action="shift.create", target=shift, centre=centre)
    return shift


def shift_remove(*, shift: Shift, actor: User) -> None:
    _check_may_plan(shift.centre_id, actor)
    with transaction.atomic():
        audit_log(actor=actor, action="shift.delete", target=shift, centre=shift.centre)
        shift.delete()


def shift_lock(*, shift: Shift, locked: bool, actor: User) -> Shift:
    _check_may_plan(shift.centre_id, actor)
    with transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(locked=locked)
        shift.locked = locked
        audit_log(actor=actor, action="shift.lock" if locked else "shift.unlock", target=shift, centre=shift.centre)
    return shift


# -- The planner's proposals ---------------------------------------------------------------------


def proposal_request(*, centre: Centre, starts_on: date, ends_on: date, actor: User) -> Proposal:
    """Ask the planner for a roster of the period; it is computed in the background (rosters/tasks.py)."""
    _check_may_plan(centre.pk, actor)
    if ends_on < starts_on:
        raise DomainError(_("The last day comes after the first."), field="ends_on")
    if (ends_on - starts_on).days + 1 > MAX_PERIOD_DAYS:
        raise DomainError(_("Plan at most %(days)s days at a time.") % {"days": MAX_PERIOD_DAYS}, field="ends_on")
    if starts_on < timezone.localdate():
        raise DomainError(_("The past is not planned: start today or later."), field="starts_on")
    with transaction.atomic():
        proposal = Proposal.objects.create(
            centre=centre, starts_on=starts_on, ends_on=ends_on, requested_by=actor, requested_at=timezone.now()
        )
        audit_log(actor=actor, action="roster.proposal_request", target=proposal, centre=centre)
        # After the commit: a worker must find the proposal that its task names.
        transaction.on_commit(partial(tasks.proposal_compute.enqueue, proposal_id=proposal.pk, centre_id=centre.pk))
    return proposal


def proposal_publish(*, proposal: Proposal, actor: User) -> dict[str, int]:
    """Make the proposal the roster of its period; every adviser whose duty changes is told."""
    _check_may_plan(proposal.centre_id, actor)
    try:
        with transaction.atomic():
            return _publish(proposal=proposal, actor=actor)
    except IntegrityError as error:
        raise DomainError(_("The roster changed while it was being published: ask the planner again.")) from error


def _publish(*, proposal: Proposal, actor: User) -> dict[str, int]:
    Centre.objects.select_for_update().filter(pk=proposal.centre_id).first()
    proposal = Proposal.objects.select_for_update().select_related("centre").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.DONE:
        raise DomainError(_("Only a proposal that is ready can be published."))
    centre = proposal.centre
    locked_now = {
        shift_key(s.membership_id, s.area_id, s.desk_id, s.date, s.slot)
        for s in Shift.objects.for_centre(centre).filter(
            date__range=(proposal.starts_on, proposal.ends_on), locked=True
        )
    }
    locked_then = {
        shift_key(s["membership"], s["area"], s["desk"], date.fromisoformat(s["date"]), s["slot"])
        for s in proposal.result.get("shifts", [])
        if s["locked"]
    }
    if locked_now != locked_then:
        raise DomainError(_("Shifts locked by hand changed since this proposal was made: ask the planner again."))
    diff = proposal_diff(proposal)
    removed = set(diff["removed"])
    for shift in Shift.objects.for_centre(centre).filter(date__range=(proposal.starts_on, proposal.ends_on)):
        if shift_key(shift.membership_id, shift.area_id, shift.desk_id, shift.date, shift.slot) in removed:
            shift.delete()
    Shift.objects.bulk_create(
        Shift(centre=centre, membership_id=m, area_id=a, desk_id=d, date=day, slot=slot)
        for m, a, d, day, slot in diff["added"]
    )
    proposal.status = ProposalStatus.PUBLISHED
    proposal.save(update_fields=["status"])
    audit_log(
        actor=actor,
        action="roster.publish",
        target=proposal,
        centre=centre,
        changes={"added": len(diff["added"]), "removed": len(diff["removed"])},
    )
    concerned = {k[0] for k in diff["added"]} | {k[0] for k in diff["removed"]}
    notify(
        centre=centre,
        message=gettext_noop("Your duty roster from %(start)s to %(end)s has changed."),
        params={"start": proposal.starts_on.strftime("%d/%m"), "end": proposal.ends_on.strftime("%d/%m")},
        url=reverse("rosters:mine", kwargs={"centre_slug": centre.slug}),
        users=[member.user for member in Membership.objects.filter(pk__in=concerned).select_related("user")],
    )
    return {"added": len(diff["added"]), "removed": len(diff["removed"]), "notified": len(concerned)}
