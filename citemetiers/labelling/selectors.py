"""Reads of labelling: the board, a dossier, suggested mentors, the reverse plan and renewal figures."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from citemetiers.centres.models import WEEKDAYS, Centre, LabelStatus, Partnership
from citemetiers.centres.tenancy import centre_scope
from citemetiers.indicators import selectors as indicators
from citemetiers.labelling import validity
from citemetiers.labelling.models import (
    ApplicationEvent,
    Evidence,
    LabelApplication,
    Mentoring,
    Milestone,
    NonConformity,
    Renewal,
    Requirement,
    State,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from citemetiers.accounts.models import User

# A Cité mentors or sits on the commission once it has been labelled for more than a year.
EXPERIENCED_AFTER = timedelta(days=365)


def users_with_network_role(role: str) -> QuerySet[User]:
    """The active people holding a network role, filtered in the database. The roles are a JSON list;
    `contains` on a JSON field is PostgreSQL-only, so the list's text is searched for the quoted role,
    which matches that element and no other (no role's name is another's quoted)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(roles_text=Cast("network_roles", TextField()))
        .filter(roles_text__contains=json.dumps(str(role)))
    )


def board() -> dict[str, list[LabelApplication]]:
    """Every application by state, in the order of the workflow: the network's labelling board."""
    by_state: dict[str, list[LabelApplication]] = {state: [] for state in State.values}
    for application in LabelApplication.objects.select_related("centre").annotate(
        open_non_conformities=Count(
            "requirements__non_conformities", filter=Q(requirements__non_conformities__closed_on=None)
        )
    ):
        by_state[application.state].append(application)
    return by_state


def dossier(pk: int) -> LabelApplication:
    """One application with everything its page shows, in a fixed number of queries."""
    return (
        LabelApplication.objects.select_related("centre", "charter")
        .prefetch_related(
            Prefetch(
                "requirements",
                Requirement.objects.select_related("criterion").prefetch_related(
                    Prefetch("evidence", Evidence.objects.all()),
                    Prefetch("non_conformities", NonConformity.objects.select_related("task")),
                ),
            ),
            "events__actor",
            "evaluations__evaluator",
            "commission",
            "mentorings__mentor",
            "sessions",
            Prefetch("milestones", Milestone.objects.all()),
            "renewals",
        )
        .get(pk=pk)
    )


def experienced(centre: Centre, *, today: date | None = None) -> bool:
    """A Cité labelled for more than a year: mentors and sits on the commission. A labelled Cité with
    no application on the platform was labelled before it, hence long enough ago."""
    if centre.label_status != LabelStatus.LABELLED:
        return False
    today = today or timezone.localdate()
    first = LabelApplication.objects.filter(centre=centre).exclude(labelled_on=None).order_by("labelled_on").first()
    return first is None or first.labelled_on is None or first.labelled_on <= today - EXPERIENCED_AFTER


def suggested_mentors(application: LabelApplication, *, today: date | None = None) -> list[Centre]:
    """Cités labelled for more than a year, those of the applicant's country first."""
    candidates = Centre.objects.active().filter(label_status=LabelStatus.LABELLED)
    if application.centre_id:
        candidates = candidates.exclude(pk=application.centre_id)
    taken = set(application.mentorings.values_list("mentor_id", flat=True))
    return sorted(
        (c for c in candidates if c.pk not in taken and experienced(c, today=today)),
        key=lambda c: (c.country != application.country, c.name),
    )


@dataclass(frozen=True)
class PlanStep:
    milestone: Milestone
    due_on: date | None
    late: bool


def reverse_plan(application: LabelApplication, *, today: date | None = None) -> list[PlanStep]:
    """The milestones placed back from the opening date; a step past its date and not done is late."""
    today = today or timezone.localdate()
    steps = []
    for milestone in application.milestones.all():
        due = (
            application.opening_on - timedelta(weeks=milestone.weeks_before_opening) if application.opening_on else None
        )
        steps.append(PlanStep(milestone, due, bool(due and milestone.done_on is None and due < today)))
    return steps


def renewal_figures(centre: Centre, *, start: date, end: date) -> dict:
    """The Cité's own figures of the year, as they leave the Cité for the network: every count and
    every share resting on fewer than SMALL_CELL visits is None."""
    with centre_scope(centre):
        totals = indicators.totals(centre=centre, start=start, end=end)
    visits = totals.visits

    def cell(value: int) -> int | None:
        return value if value >= indicators.SMALL_CELL else None

    profile: dict[str, dict[str, int | None]] = defaultdict(dict)
    for metric in ("age_band", "gender", "situation"):
        for key, value in sorted(totals.keys(metric).items()):
            profile[metric][key] = cell(value)
    interviews = totals.count("interviews")
    return {
        "period": [start.isoformat(), end.isoformat()],
        "visits": cell(visits),
        "interviews": cell(interviews),
        "interviews_per_visit": indicators.suppress(totals.interviews_per_visit(), visits),
        "median_wait": indicators.suppress(totals.median_wait(), visits),
        "satisfaction": indicators.suppress(totals.satisfaction(), sum(totals.keys("satisfaction").values())),
        "profile": dict(profile),
    }


def platform_evidence(application: LabelApplication, *, on: date) -> dict:
    """What the platform itself proves of the applicant on a day, as plain data to be frozen: the
    Cité's figures of the twelve months before (small cells suppressed), its advice areas and the
    documents attached to the dossier. A candidate not on the platform yet has no figures."""
    from citemetiers.reception.models import AdviceArea

    documents = [
        {"criterion": e.requirement.criterion.code, "filename": e.filename, "added_at": e.added_at.isoformat()}
        for e in Evidence.objects.filter(requirement__application=application).select_related("requirement__criterion")
    ]
    evidence: dict = {
        "on": on.isoformat(),
        "figures": None,
        "areas": [],
        "partners": [],
        "opening_hours": {},
        "documents": documents,
    }
    centre = application.centre
    if centre is not None:
        evidence["figures"] = renewal_figures(centre, start=on - timedelta(days=365), end=on)
        evidence["opening_hours"] = dict(centre.opening_hours)
        with centre_scope(centre):
            evidence["areas"] = list(AdviceArea.objects.for_centre(centre).active().values_list("name", flat=True))
            evidence["partners"] = _partners(centre, on=on)
    return evidence


def _partners(centre: Centre, *, on: date) -> list[dict]:
    """The agreements in force on the day: the partner, its commitments and the advice areas it covers."""
    partnerships = (
        Partnership.objects.for_centre(centre)
        .current(on)
        .select_related("organisation")
        .prefetch_related("advice_areas")
        .order_by("organisation__name", "pk")
    )
    return [
        {
            "organisation": p.organisation.name,
            "agreement": p.title,
            "starts_on": p.starts_on.isoformat(),
            "ends_on": p.ends_on.isoformat() if p.ends_on else None,
            "adviser_hours_per_month": p.adviser_hours_per_month,
            "areas": sorted(area.name for area in p.advice_areas.all()),
        }
        for p in partnerships
    ]


def frozen_evidence(application: LabelApplication) -> dict | None:
    """The platform's evidence frozen at submission, worded for the dossier (the days by name), or None
    when the application was not submitted yet."""
    frozen = application.platform_evidence
    if not frozen:
        return None
    hours = frozen.get("opening_hours") or {}
    return {
        **frozen,
        "on": date.fromisoformat(frozen["on"]),
        "opening_hours": [
            (label, ", ".join(f"{start}–{end}" for start, end in hours[str(day)]))
            for day, label in WEEKDAYS
            if hours.get(str(day))
        ],
    }


# The states the public register shows: a Cité holding the operating label, and one whose label is
# suspended (listed as such, never as valid). A withdrawn label, a project label and the commission's
# refusals stay between the network and the applicant.
PUBLIC_STATES = (State.OPERATING, State.CONFIRMED, State.RENEWED, State.RENEWED_WITH_CONDITIONS)
REGISTER_STATES = (*PUBLIC_STATES, State.SUSPENDED)
# The register's own statuses besides the states: a label past its validity, one granted before the
# platform (the Cité's own `labelled_until`, when the network entered it).
LAPSED, LABELLED_BEFORE = "lapsed", "labelled"


def public_register(*, today: date | None = None) -> list[dict]:
    """The labelled Cités as the network's website shows them: territory, country, label, since when,
    status, valid until and mentor Cités; nothing of the dossier (findings, evaluators, figures) leaves
    the platform. A label past its validity is "lapsed", a suspended one has no validity: neither is
    shown as valid. Cités labelled before the platform are listed from their own label status."""
    today = today or timezone.localdate()
    rows = []
    applications = (
        LabelApplication.objects.filter(state__in=REGISTER_STATES)
        .exclude(labelled_on=None)
        .only("territory", "country", "state", "labelled_on")
        .prefetch_related(
            Prefetch(
                "events",
                ApplicationEvent.objects.filter(transition__in=validity.GRANTING_STEPS).only("application", "at"),
                to_attr="grants",
            ),
            Prefetch("mentorings", Mentoring.objects.select_related("mentor").only("application", "mentor__name")),
        )
    )
    for application in applications:
        labelled_on = application.labelled_on
        assert labelled_on is not None  # excluded by the query; says so to the type checker
        until: date | None = None
        if application.state == State.SUSPENDED:
            status = str(State.SUSPENDED)
        else:
            last = max((timezone.localdate(event.at) for event in application.grants), default=labelled_on)
            until = validity.valid_until(labelled_on, last)
            status = str(application.state) if until >= today else LAPSED
        rows.append(
            _register_row(
                application.territory,
                application.country,
                labelled_on,
                status,
                until,
                [m.mentor.name for m in application.mentorings.all()],
            )
        )
    on_the_platform = LabelApplication.objects.filter(state__in=(*REGISTER_STATES, State.WITHDRAWN)).values("centre")
    before = (
        Centre.objects.active()
        .filter(label_status__in=(LabelStatus.LABELLED, LabelStatus.SUSPENDED))
        .exclude(pk__in=on_the_platform.exclude(centre=None))
        .only("name", "country", "label_status", "labelled_until")
    )
    for centre in before:
        if centre.label_status == LabelStatus.SUSPENDED:
            status, until = str(State.SUSPENDED), None
        else:
            until = centre.labelled_until
            status = LAPSED if until is not None and until < today else LABELLED_BEFORE
        rows.append(_register_row(centre.name, centre.country, None, status, until, []))
    return sorted(rows, key=lambda row: (row["country"], row["territory"]))


def _register_row(
    territory: str, country: str, since: date | None, status: str, until: date | None, mentors: list[str]
) -> dict:
    return {
        "territory": territory,
        "country": country,
        "label": "operating",
        "since": since.isoformat() if since else None,
        "status": status,
        "valid_until": until.isoformat() if until else None,
        "mentors": mentors,
    }


def due_renewals(*, today: date | None = None) -> QuerySet[Renewal]:
    """Renewal files due within a month and not reminded yet."""
    today = today or timezone.localdate()
    return Renewal.objects.filter(due_on__lte=today + timedelta(days=30), reminded_on=None).select_related(
        "application__centre"
    )


def mentees(centre: Centre) -> QuerySet[LabelApplication]:
    """The applications a Cité mentors, for its coordinators."""
    return LabelApplication.objects.mentored_by(centre).order_by("territory")


def visible_to_candidate(user: User) -> QuerySet[LabelApplication]:
    return LabelApplication.objects.for_candidate(user).select_related("centre")


def for_evaluator(user: User) -> list[LabelApplication]:
    """The dossiers assigned to an evaluator, with their requirements and their own evaluation."""
    from citemetiers.labelling.models import Evaluation

    return list(
        LabelApplication.objects.assigned_to(user)
        .select_related("centre")
        .prefetch_related(
            Prefetch("requirements", Requirement.objects.select_related("criterion").prefetch_related("evidence")),
            Prefetch("evaluations", Evaluation.objects.filter(evaluator=user), to_attr="own_evaluation"),
        )
    )


def before_the_commission() -> list[LabelApplication]:
    """The applications before the commission, each with its evaluators assigned and the reports they
    sent (`assigned`, `reported`): the decisions the network's coordinators prepare (network home)."""
    return list(
        LabelApplication.objects.filter(state=State.COMMISSION)
        .annotate(
            assigned=Count("evaluations", distinct=True),
            reported=Count("evaluations", filter=Q(evaluations__submitted_at__isnull=False), distinct=True),
        )
        .order_by("pk")
    )


def reports_to_write(user: User) -> int:
    """How many of the dossiers assigned to this evaluator still wait for their report."""
    return LabelApplication.objects.filter(evaluations__evaluator=user, evaluations__submitted_at=None).count()
