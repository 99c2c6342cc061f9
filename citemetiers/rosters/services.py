"""Writes of the rosters: desks, what advisers can do and when, shifts, the planner's proposals."""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Centre, Membership, Partnership
from citemetiers.core.audit import audit_log
from citemetiers.core.background import start_in_thread
from citemetiers.core.errors import DomainError
from citemetiers.core.notifications import notify
from citemetiers.reception.models import AdviceArea
from citemetiers.rosters import planner
from citemetiers.rosters.checks import violations
from citemetiers.rosters.forecast import demand_forecast
from citemetiers.rosters.models import (
    Absence,
    Availability,
    Coverage,
    Desk,
    Proposal,
    ProposalStatus,
    RosterFeed,
    Shift,
)
from citemetiers.rosters.slots import days, open_cells

logger = logging.getLogger(__name__)
MAX_PERIOD_DAYS = 62
STALE_AFTER = timedelta(minutes=10)


# -- Desks, coverage, availability, absences ---------------------------------------------------


def desk_save(*, centre, desk: Desk | None, name: str, capacity: int, is_active: bool, actor) -> Desk:
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


def areas_covered(membership: Membership) -> set[int]:
    """The advice areas an adviser holds: as set for them, else those of their employer's agreement."""
    chosen = set(Coverage.objects.filter(membership=membership).values_list("area_id", flat=True))
    if chosen:
        return chosen
    if membership.organisation_id is None:
        return set()
    return set(
        Partnership.objects.for_centre(membership.centre)
        .current()
        .filter(organisation_id=membership.organisation_id)
        .values_list("advice_areas", flat=True)
        .exclude(advice_areas=None)
    )


def coverage_set(*, membership: Membership, areas: Iterable[AdviceArea], actor) -> None:
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


def availability_set(*, membership: Membership, cells: Iterable[tuple[int, str]], valid_from: date, actor) -> None:
    """Replace an adviser's weekly availability from `valid_from`; what held before that date is kept."""
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


def availability_add_one_off(*, membership: Membership, day: date, slot: str, actor) -> Availability:
    """An adviser is available on one half-day outside their weekly pattern (an exception, not a rule)."""
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


def absence_add(*, membership: Membership, starts_on: date, ends_on: date, actor) -> Absence:
    if ends_on < starts_on:
        raise DomainError(_("The last day comes after the first."), field="ends_on")
    with transaction.atomic():
        absence = Absence.objects.create(
            centre_id=membership.centre_id, membership=membership, starts_on=starts_on, ends_on=ends_on
        )
        audit_log(actor=actor, action="roster.absence_add", target=membership, centre=membership.centre)
    return absence


def available_cells(membership: Membership, starts_on: date, ends_on: date) -> set[tuple[date, str]]:
    """The half-days of the period when an adviser said they can be on duty and is not away."""
    weekly = list(
        Availability.objects.filter(membership=membership, valid_from__lte=ends_on).filter(
            Q(valid_until=None) | Q(valid_until__gte=starts_on)
        )
    )
    away = list(Absence.objects.filter(membership=membership, starts_on__lte=ends_on, ends_on__gte=starts_on))
    cells = set()
    for day in days(starts_on, ends_on):
        if any(a.starts_on <= day <= a.ends_on for a in away):
            continue
        for item in weekly:
            if item.weekday == day.weekday() and item.valid_from <= day and (item.valid_until or day) >= day:
                cells.add((day, item.slot))
    return cells


# -- Shifts by hand ------------------------------------------------------------------------------


def shift_add(*, centre, membership, area, desk, day: date, slot: str, locked: bool, actor) -> Shift:
    """Put an adviser on duty by hand; a shift made by hand is locked unless said otherwise."""
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


def shift_remove(*, shift: Shift, actor) -> None:
    with transaction.atomic():
        audit_log(actor=actor, action="shift.delete", target=shift, centre=shift.centre)
        shift.delete()


def shift_lock(*, shift: Shift, locked: bool, actor) -> Shift:
    with transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(locked=locked)
        shift.locked = locked
        audit_log(actor=actor, action="shift.lock" if locked else "shift.unlock", target=shift, centre=shift.centre)
    return shift


# -- The planner ---------------------------------------------------------------------------------


def _advisers(centre) -> list[Membership]:
    return list(
        Membership.objects.active().for_centre(centre).with_role(Role.ADVISER).select_related("user", "organisation")
    )


def build_problem(centre, starts_on: date, ends_on: date, *, today: date | None = None):
    """The planner's view of the Cité for a period, and what explains its figures (forecast, slot hours)."""
    today = today or timezone.localdate()
    cells = open_cells(centre, starts_on, ends_on)
    areas = list(AdviceArea.objects.for_centre(centre).active())
    forecast = demand_forecast(centre, today=today)
    demand = {}
    for (day, slot), hours in cells.items():
        for area in areas:
            need = forecast.advisers_needed(area.pk, day, slot, hours.minutes)
            if need:
                demand[(area.pk, day, slot)] = need
    members = _advisers(centre)
    advisers = [
        planner.Adviser(
            id=member.pk,
            partner=member.organisation_id,
            areas=frozenset(areas_covered(member) & {a.pk for a in areas}),
            available=frozenset(available_cells(member, starts_on, ends_on) & set(cells)),
        )
        for member in members
    ]
    desks = {desk.pk: desk.capacity for desk in Desk.objects.for_centre(centre).filter(is_active=True)}
    locked = [
        planner.PlannedShift(s.membership_id, s.area_id, s.desk_id, s.date, s.slot, locked=True)
        for s in Shift.objects.for_centre(centre).filter(date__range=(starts_on, ends_on), locked=True)
    ]
    # A partnership commits hours a month: the share of the period, in the Cité's average half-days.
    mean_minutes = sum(h.minutes for h in cells.values()) / len(cells) if cells else 210
    open_days = len({day for day, _slot in cells})
    targets: dict[int, int] = defaultdict(int)
    partner_ids = {m.organisation_id for m in members if m.organisation_id}
    for partnership in (
        Partnership.objects.for_centre(centre).current(on=starts_on).filter(organisation_id__in=partner_ids)
    ):
        days_in_month = 21  # opening days of a month, roughly: the commitment is spread over them
        hours = partnership.adviser_hours_per_month * min(open_days / days_in_month, 3)
        targets[partnership.organisation_id] += round(hours * 60 / mean_minutes)
    problem = planner.Problem(
        cells=sorted(cells),
        areas=[a.pk for a in areas],
        advisers=advisers,
        desks=desks,
        demand=demand,
        locked=locked,
        partner_target=dict(targets),
    )
    return problem, forecast, cells


def proposal_request(*, centre, starts_on: date, ends_on: date, actor) -> Proposal:
    """Ask the planner for a roster of the period; it is computed in the background."""
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
        if settings.JOBS_IN_PROCESS:
            transaction.on_commit(lambda: start_in_thread(proposal_run, proposal.pk, name="proposal"))
    return proposal


def _solve_with_progress(problem, time_limit: float, progress) -> planner.Solution:
    """Solve in a thread of its own while this one, which holds the database connection, reports progress."""
    outcome: dict[str, object] = {}

    def work():
        try:
            outcome["solution"] = planner.solve(problem, time_limit=time_limit)
        except Exception as error:  # handed over to the caller, who records the failure
            outcome["error"] = error

    started = timezone.now()
    worker = threading.Thread(target=work, name="roster-solver", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.5)
        elapsed = (timezone.now() - started).total_seconds()
        progress(min(95, 10 + int(85 * elapsed / max(time_limit, 0.1))))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["solution"]


def proposal_run(proposal_pk: int, *, time_limit: float | None = None) -> Proposal | None:
    """Compute a queued proposal, unless another process already took it."""
    claimed = Proposal.objects.filter(pk=proposal_pk, status=ProposalStatus.QUEUED).update(
        status=ProposalStatus.RUNNING, started_at=timezone.now(), progress=5
    )
    if claimed != 1:
        return None
    proposal = Proposal.objects.select_related("centre").get(pk=proposal_pk)

    def progress(percent: int) -> None:
        Proposal.objects.filter(pk=proposal_pk).update(progress=percent)

    try:
        problem, forecast, _cells = build_problem(proposal.centre, proposal.starts_on, proposal.ends_on)
        progress(10)
        solution = _solve_with_progress(problem, time_limit or settings.ROSTER_SOLVER_SECONDS, progress)
        if solution.status not in {"OPTIMAL", "FEASIBLE"}:
            # No roster was found (no time to find one, or locked shifts that cannot all hold):
            # nothing to propose, and above all nothing that would empty the roster if published.
            raise RuntimeError(f"the solver found no roster ({solution.status})")
        broken = violations(problem, solution.shifts)
        if broken:  # the solver and the checker disagree: publish nothing
            raise RuntimeError("; ".join(broken[:5]))
        proposal.result = _result(problem, forecast, solution, planner.greedy(problem))
        proposal.status, proposal.progress, proposal.finished_at = ProposalStatus.DONE, 100, timezone.now()
        proposal.save(update_fields=["result", "status", "progress", "finished_at"])
    except Exception as error:
        logger.exception("Roster proposal %s failed", proposal_pk)
        Proposal.objects.filter(pk=proposal_pk).update(
            status=ProposalStatus.FAILED, finished_at=timezone.now(), error=str(error)[:1000]
        )
        return Proposal.objects.get(pk=proposal_pk)
    return proposal


def _result(problem, forecast, solution, baseline) -> dict:
    planned = defaultdict(int)
    for shift in solution.shifts:
        planned[(shift.area, shift.day, shift.slot)] += 1
    available = defaultdict(int)
    for adviser in problem.advisers:
        for cell in adviser.available:
            for area in adviser.areas:
                available[(area, *cell)] += 1
    unmet = [
        {
            "area": area,
            "date": day.isoformat(),
            "slot": slot,
            "expected": round(forecast.visitors(area, day, slot), 1),
            "needed": need,
            "planned": planned[(area, day, slot)],
            "available": available[(area, day, slot)],
        }
        for (area, day, slot), need in sorted(problem.demand.items(), key=lambda i: (i[0][1], i[0][2], i[0][0]))
        if planned[(area, day, slot)] < need
    ]
    return {
        "shifts": [
            {
                "membership": s.adviser,
                "area": s.area,
                "desk": s.desk,
                "date": s.day.isoformat(),
                "slot": s.slot,
                "locked": s.locked,
            }
            for s in solution.shifts
        ],
        "unmet": unmet,
        "status": solution.status,
        "objective": solution.objective,
        "bound": solution.bound,
        "gap": solution.gap,
        "seconds": round(solution.seconds, 2),
        "coverage": planner.coverage(problem, solution.shifts),
        "greedy_coverage": planner.coverage(problem, baseline.shifts),
    }


def next_queued_proposal() -> int | None:
    Proposal.objects.filter(status=ProposalStatus.RUNNING, started_at__lt=timezone.now() - STALE_AFTER).update(
        status=ProposalStatus.QUEUED, progress=0
    )
    return (
        Proposal.objects.filter(status=ProposalStatus.QUEUED)
        .order_by("requested_at", "id")
        .values_list("pk", flat=True)
        .first()
    )


def _key(membership, area, desk, day, slot):
    return (membership, area, desk, day, slot)


def proposal_diff(proposal: Proposal) -> dict[str, list[tuple]]:
    """What publishing would add and remove, against the roster as it is now.

    Days already gone stay as they were: the roster of the past is what the follow-up of the
    partnerships counts.
    """
    first = max(proposal.starts_on, timezone.localdate())
    proposed = {
        _key(s["membership"], s["area"], s["desk"], date.fromisoformat(s["date"]), s["slot"])
        for s in proposal.result.get("shifts", [])
        if date.fromisoformat(s["date"]) >= first
    }
    current = {
        _key(s.membership_id, s.area_id, s.desk_id, s.date, s.slot): s
        for s in Shift.objects.for_centre(proposal.centre).filter(date__range=(first, proposal.ends_on))
    }
    return {
        "added": sorted(proposed - set(current), key=lambda k: (k[3], k[4], k[1], k[0])),
        "removed": sorted(set(current) - proposed, key=lambda k: (k[3], k[4], k[1], k[0])),
        "kept": sorted(proposed & set(current), key=lambda k: (k[3], k[4], k[1], k[0])),
    }


def proposal_publish(*, proposal: Proposal, actor) -> dict[str, int]:
    """Make the proposal the roster of its period; every adviser whose duty changes is told."""
    try:
        with transaction.atomic():
            return _publish(proposal=proposal, actor=actor)
    except IntegrityError as error:
        raise DomainError(_("The roster changed while it was being published: ask the planner again.")) from error


def _publish(*, proposal: Proposal, actor) -> dict[str, int]:
    Centre.objects.select_for_update().filter(pk=proposal.centre_id).first()
    proposal = Proposal.objects.select_for_update().select_related("centre").get(pk=proposal.pk)
    if proposal.status != ProposalStatus.DONE:
        raise DomainError(_("Only a proposal that is ready can be published."))
    centre = proposal.centre
    locked_now = {
        _key(s.membership_id, s.area_id, s.desk_id, s.date, s.slot)
        for s in Shift.objects.for_centre(centre).filter(
            date__range=(proposal.starts_on, proposal.ends_on), locked=True
        )
    }
    locked_then = {
        _key(s["membership"], s["area"], s["desk"], date.fromisoformat(s["date"]), s["slot"])
        for s in proposal.result.get("shifts", [])
        if s["locked"]
    }
    if locked_now != locked_then:
        raise DomainError(_("Shifts locked by hand changed since this proposal was made: ask the planner again."))
    diff = proposal_diff(proposal)
    removed = set(diff["removed"])
    for shift in Shift.objects.for_centre(centre).filter(date__range=(proposal.starts_on, proposal.ends_on)):
        if _key(shift.membership_id, shift.area_id, shift.desk_id, shift.date, shift.slot) in removed:
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


# -- Calendar feed -------------------------------------------------------------------------------


def feed_for(membership: Membership) -> RosterFeed:
    feed, _created = RosterFeed.objects.get_or_create(membership=membership)
    return feed


def feed_regenerate(*, membership: Membership, actor) -> RosterFeed:
    with transaction.atomic():
        RosterFeed.objects.filter(membership=membership).delete()
        feed = RosterFeed.objects.create(membership=membership)
        audit_log(actor=actor, action="roster.feed_regenerate", target=membership, centre=membership.centre)
    return feed
