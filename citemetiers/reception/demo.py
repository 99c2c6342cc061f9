"""Demo reception activity: the last working weeks of interviews and today's open queues, through the services."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from citemetiers.centres.models import Organisation, OrganisationKind
from citemetiers.centres.selectors import closed_days
from citemetiers.reception import cards, interviews, ticketing
from citemetiers.reception.demo_history import generate_history
from citemetiers.reception.models import AdviceArea, AgeBand, Gender, Orientation, Situation, Theme, Ticket

VISITS_PER_PAST_DAY = 8
WAITING_TODAY = 5


def _profile(rng: random.Random) -> dict:
    return {
        "age_band": rng.choice([*AgeBand.values, ""]),
        "gender": rng.choice(Gender.values),
        "situation": rng.choice([*Situation.values, ""]),
    }


def _serve(ticket: Ticket, *, adviser, at: datetime, minutes: int, rng: random.Random, themes, partners) -> None:
    """Call, receive and finish a ticket, then record its interview."""
    ticket = ticketing.ticket_call_next(centre=ticket.centre, areas=[ticket.area], adviser=adviser, desk="1", now=at)
    ticketing.ticket_start(ticket=ticket, actor=adviser, now=at + timedelta(minutes=1))
    ticket = ticketing.ticket_finish(ticket=ticket, actor=adviser, now=at + timedelta(minutes=1 + minutes))
    orientations = [rng.choice([Orientation.PARTNER, Orientation.WORKSHOP, Orientation.RESOURCE, Orientation.NONE])]
    interviews.interview_record(
        ticket=ticket,
        data={
            "themes": rng.sample(themes, k=min(2, len(themes))),
            "orientations": orientations,
            "organisations": rng.sample(partners, k=1) if Orientation.PARTNER in orientations else [],
            "recommendations": "" if Orientation.NONE in orientations else "Atelier CV — mardi 14 h",
            "duration_minutes": minutes,
        },
        actor=adviser,
        now=at + timedelta(minutes=1 + minutes),
    )


# Visits per opening day of the demo Cités' history (a large Cité receives a few hundred).
HISTORY_VOLUMES = {"paris": 60, "marseille": 40, "geneve": 25, "bruxelles": 30}


def seed_reception(*, centre, adviser, history_months: int = 0, now: datetime | None = None) -> bool:
    """Give a demo Cité months of history, recent interviews and open queues, once (nothing is added
    if it has tickets); True when it added them, so that the caller computes the indicators."""
    now = now or timezone.now()
    interviews.themes_create_defaults(centre=centre, actor=None)
    cards.reception_settings_for(centre)
    if Ticket.objects.for_centre(centre).exists():
        return False
    today = timezone.localtime(now, ZoneInfo(centre.time_zone)).date()
    if history_months:
        generate_history(
            centre=centre,
            start=today - timedelta(days=round(history_months * 30.5)),
            end=_recent_start(today) - timedelta(days=1),
            visits_per_day=HISTORY_VOLUMES.get(centre.slug, 30),
            adviser=adviser,
            seed=centre.slug,
        )
    _recent_days(centre=centre, adviser=adviser, now=now)
    return True


def _recent_start(today: date) -> date:
    # From last week's Monday: the weeks a newcomer looks at first have no empty working day.
    return today - timedelta(days=today.weekday() + 7)


def _recent_days(*, centre, adviser, now: datetime) -> None:
    """Every opening day since last week's Monday, then today, through the services with their transition logs.

    Public holidays and closures stay empty, as they would be; today's queues are left waiting (no
    adviser starts the demo with a call half made), and there are none when the Cité is closed today.
    """
    rng = random.Random(centre.slug)  # noqa: S311 -- demo figures, reproducible per Cité
    areas = list(AdviceArea.objects.for_centre(centre).active())
    themes = list(Theme.objects.for_centre(centre).active())
    partners = list(Organisation.objects.for_centre(centre).exclude(kind=OrganisationKind.HOST))
    zone = ZoneInfo(centre.time_zone)
    local_now = timezone.localtime(now, zone)
    open_days = {int(day) for day, periods in centre.opening_hours.items() if periods} or set(range(5))
    today = local_now.date()
    start = _recent_start(today)
    closed = closed_days(centre, start, today)
    for days_ago in range((today - start).days, 0, -1):
        day = today - timedelta(days=days_ago)
        if day.weekday() not in open_days or day in closed:
            continue
        moment = datetime.combine(day, time(9, 30), tzinfo=zone)
        for _ in range(VISITS_PER_PAST_DAY):
            moment += timedelta(minutes=rng.randint(15, 40))
            _visit, (ticket,) = ticketing.visit_check_in(
                centre=centre, areas=[rng.choice(areas)], profile=_profile(rng), actor=None, now=moment
            )
            _serve(
                ticket,
                adviser=adviser,
                at=moment + timedelta(minutes=rng.randint(3, 25)),
                minutes=rng.randint(10, 35),
                rng=rng,
                themes=themes,
                partners=partners,
            )
    if today in closed:
        return
    # Today: two interviews done in the last hour, a few visitors waiting.
    start = now - timedelta(minutes=70)
    for offset in (0, 30):
        _visit, (ticket,) = ticketing.visit_check_in(
            centre=centre, areas=[areas[0]], profile=_profile(rng), actor=None, now=start + timedelta(minutes=offset)
        )
        _serve(
            ticket,
            adviser=adviser,
            at=start + timedelta(minutes=offset + 5),
            minutes=20,
            rng=rng,
            themes=themes,
            partners=partners,
        )
    for index in range(WAITING_TODAY):
        ticketing.visit_check_in(
            centre=centre,
            areas=[areas[index % min(3, len(areas))]],
            profile=_profile(rng),
            actor=None,
            now=now - timedelta(minutes=25 - 4 * index),
        )
