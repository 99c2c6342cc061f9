"""Months of plausible past activity for demo Cités, written in bulk (the services would take minutes).

Volumes and patterns follow DESIGN.md §5: opening days only (no public holiday, no closure), arrivals
peaking late morning and early afternoon, profiles drawn from plausible shares, a few themes rising over the months.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from citemetiers.centres.models import Organisation, OrganisationKind
from citemetiers.centres.selectors import closed_days
from citemetiers.reception.models import (
    AdviceArea,
    AgeBand,
    Channel,
    EducationLevel,
    Gender,
    Interview,
    Orientation,
    Outcome,
    Situation,
    Theme,
    Ticket,
    TicketCounter,
    TicketStatus,
    Visit,
)
from citemetiers.referentials.models import Occupation

# Arrivals by hour of the day (relative weights): late morning and early afternoon peaks.
HOURS = {9: 6, 10: 12, 11: 16, 12: 8, 13: 7, 14: 14, 15: 13, 16: 9}
AGE = {
    AgeBand.UNDER_18: 8,
    AgeBand.FROM_18_TO_25: 30,
    AgeBand.FROM_26_TO_44: 35,
    AgeBand.FROM_45_TO_54: 17,
    AgeBand.FROM_55: 8,
    "": 2,
}
GENDER = {Gender.WOMAN: 52, Gender.MAN: 44, Gender.OTHER: 1, Gender.NOT_STATED: 3}
SITUATION = {
    Situation.JOBSEEKER: 40,
    Situation.PUPIL_STUDENT: 22,
    Situation.EMPLOYED: 25,
    Situation.SELF_EMPLOYED: 4,
    Situation.INACTIVE: 5,
    Situation.OTHER: 2,
    "": 2,
}
EDUCATION = {
    EducationLevel.NONE: 10,
    EducationLevel.SECONDARY: 20,
    EducationLevel.UPPER_SECONDARY: 30,
    EducationLevel.SHORT_HIGHER: 18,
    EducationLevel.HIGHER: 17,
    "": 5,
}
CHANNEL = {Channel.WALK_IN: 85, Channel.PHONE: 10, Channel.ONLINE: 5}
OUTCOME = {Outcome.QUEUE: 80, Outcome.SELF_SERVICE: 10, Outcome.WORKSHOP: 4, Outcome.PARTNER: 3, Outcome.ANSWERED: 3}
END_OF_TICKET = {TicketStatus.DONE: 86, TicketStatus.NO_SHOW: 6, TicketStatus.LEFT: 5, TicketStatus.CANCELLED: 3}


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def generate_history(*, centre, start: date, end: date, visits_per_day: int, adviser, seed: str) -> int:
    """Past visits, tickets and interviews of a Cité from `start` to `end` (opening days, not on its public
    holidays or closures); returns visits."""
    rng = random.Random(seed)  # noqa: S311 -- demo figures, reproducible
    zone = ZoneInfo(centre.time_zone)
    areas = list(AdviceArea.objects.for_centre(centre).active())
    themes = list(Theme.objects.for_centre(centre).active())
    partners = list(Organisation.objects.for_centre(centre).exclude(kind=OrganisationKind.HOST))
    occupations = list(Occupation.objects.filter(scheme="rome").values_list("pk", flat=True)[:300])
    open_days = {int(day) for day, periods in centre.opening_hours.items() if periods}
    closed = closed_days(centre, start, end)
    span = max((end - start).days, 1)
    visits, tickets, counters, plans = [], [], [], []
    day = start
    while day <= end:
        if day.weekday() in open_days and day not in closed:
            progress = (day - start).days / span
            for hour, count in HOURS.items():
                expected = visits_per_day * count / sum(HOURS.values())
                for _ in range(int(rng.gauss(expected, expected**0.5 / 2) + 0.5)):
                    arrived = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=zone)
                    outcome = _pick(rng, OUTCOME)
                    # The first area needs most visitors; "créer son activité" rises over the months.
                    area = rng.choices(areas, weights=[6, 9, 5, 3 + 4 * progress, 5, 2][: len(areas)])[0]
                    visit = Visit(
                        centre=centre,
                        arrived_at=arrived,
                        channel=_pick(rng, CHANNEL),
                        age_band=_pick(rng, AGE),
                        gender=_pick(rng, GENDER),
                        situation=_pick(rng, SITUATION),
                        education_level=_pick(rng, EDUCATION),
                        first_need=area,
                        outcome=outcome,
                    )
                    visits.append(visit)
                    if outcome == Outcome.QUEUE:
                        plans.append((visit, area, arrived, progress))
        day += timedelta(days=1)
    Visit.objects.bulk_create(visits, batch_size=2000)
    numbers: dict[tuple[int, date], int] = {}
    finished = []
    for visit, area, arrived, progress in plans:
        service_day = arrived.date()
        numbers[(area.pk, service_day)] = number = numbers.get((area.pk, service_day), 0) + 1
        status = _pick(rng, END_OF_TICKET)
        called = arrived + timedelta(minutes=rng.randint(2, 45))
        started = called + timedelta(minutes=1)
        finished_at = started + timedelta(minutes=rng.randint(8, 40))
        ticket = Ticket(
            centre=centre,
            visit=visit,
            area=area,
            service_date=service_day,
            number=number,
            status=status,
            created_at=arrived,
            called_at=called if status in (TicketStatus.DONE, TicketStatus.NO_SHOW) else None,
            started_at=started if status == TicketStatus.DONE else None,
            finished_at=finished_at if status == TicketStatus.DONE else called,
            desk=str(rng.randint(1, 6)),
            adviser=adviser if status in (TicketStatus.DONE, TicketStatus.NO_SHOW) else None,
            call_count=1 if status in (TicketStatus.DONE, TicketStatus.NO_SHOW) else 0,
            secret=secrets.token_urlsafe(32)[:43],
        )
        tickets.append(ticket)
        if status == TicketStatus.DONE:
            finished.append((ticket, progress))
    Ticket.objects.bulk_create(tickets, batch_size=2000)
    counters = [
        TicketCounter(centre=centre, area_id=area_id, service_date=service_day, last_number=last)
        for (area_id, service_day), last in numbers.items()
    ]
    TicketCounter.objects.bulk_create(counters, batch_size=2000, ignore_conflicts=True)
    _interviews(finished, rng=rng, adviser=adviser, themes=themes, partners=partners, occupations=occupations)
    return len(visits)


def _interviews(finished, *, rng, adviser, themes, partners, occupations) -> None:
    interviews, theme_links, occupation_links, partner_links = [], [], [], []
    for ticket, _progress in finished:
        orientation = rng.choice([Orientation.PARTNER, Orientation.WORKSHOP, Orientation.RESOURCE, Orientation.NONE])
        interviews.append(
            Interview(
                centre_id=ticket.centre_id,
                ticket=ticket,
                area=ticket.area,
                adviser=adviser,
                orientations=[orientation],
                duration_minutes=max(1, round((ticket.finished_at - ticket.started_at).total_seconds() / 60)),
                created_at=ticket.finished_at,
                updated_at=ticket.finished_at,
                satisfaction=rng.choices([None, 3, 4, 5, 2], weights=[60, 8, 16, 14, 2])[0],
            )
        )
    Interview.objects.bulk_create(interviews, batch_size=2000)
    for interview, (_ticket, progress) in zip(interviews, finished, strict=True):
        if themes:
            # Later in the period, the last themes (funding, business creation…) come up more often.
            weights = [1 + progress * 3 * (index >= len(themes) - 4) for index in range(len(themes))]
            for theme in set(rng.choices(themes, weights=weights, k=rng.randint(1, 2))):
                theme_links.append(Interview.themes.through(interview_id=interview.pk, theme_id=theme.pk))
        if occupations and rng.random() < 0.6:
            occupation_links.append(
                Interview.occupations.through(interview_id=interview.pk, occupation_id=rng.choice(occupations))
            )
        if partners and Orientation.PARTNER in interview.orientations:
            partner_links.append(
                Interview.organisations.through(interview_id=interview.pk, organisation_id=rng.choice(partners).pk)
            )
    Interview.themes.through.objects.bulk_create(theme_links, batch_size=5000)
    Interview.occupations.through.objects.bulk_create(occupation_links, batch_size=5000)
    Interview.organisations.through.objects.bulk_create(partner_links, batch_size=5000)
