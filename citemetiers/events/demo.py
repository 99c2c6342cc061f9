"""Demo events: a term of weekly workshops per Cité (half past, with attendance), and a full job dating."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from citemetiers.events import services
from citemetiers.events.models import EventType, Place, Session

TYPES = [("Workshop", 120, 8), ("Information session", 60, 20), ("Job dating", 180, 4)]
PAST_WEEKS = 6
TERM_WEEKS = 13


def seed_events(*, centre) -> None:
    """Event types, a recurring CV workshop over a term, and a full job dating (once per Cité)."""
    if EventType.objects.for_centre(centre).exists():
        return
    rng = random.Random(centre.pk)  # noqa: S311 -- reproducible demo, not security
    types = {
        name: services.event_type_create(
            centre=centre, data={"name": name, "default_duration": minutes, "default_capacity": places}, actor=None
        )
        for name, minutes, places in TYPES
    }
    today = timezone.localdate()
    tuesday = today - timedelta(days=(today.weekday() - 1) % 7) - timedelta(weeks=PAST_WEEKS)
    first_start = timezone.make_aware(datetime.combine(tuesday, time(14, 0)))
    template = services.template_create(
        centre=centre,
        data={
            "event_type": types["Workshop"],
            "title": "Atelier CV et lettre de motivation",
            "description": "Construire son CV, le relire à plusieurs, préparer une lettre.",
            "place_kind": Place.ROOM,
            "room": "Salle 1",
            "capacity": 8,
            "rrule": f"FREQ=WEEKLY;BYDAY=TU;COUNT={TERM_WEEKS}",
            "first_start": first_start,
            "duration": 120,
        },
        actor=None,
    )
    now = timezone.now()
    for session in Session.objects.filter(template=template):
        past = session.ends_at <= now
        registered_on = session.starts_at - timedelta(days=3) if past else None
        registrations = [
            services.registration_create(session=session, actor=None, now=registered_on)
            for _ in range(rng.randint(3, 9) if past else rng.randint(0, 6))
        ]
        if past:
            for registration in registrations:
                if registration.status == "registered" and rng.random() < 0.75:
                    services.registration_check_in(session=session, code=registration.code, actor=None)
    start = timezone.make_aware(datetime.combine(today + timedelta(days=9), time(9, 30)))
    job_dating = services.session_create(
        centre=centre,
        data={
            "event_type": types["Job dating"],
            "title": "Job dating hôtellerie-restauration",
            "place_kind": Place.ROOM,
            "room": "Forum",
            "capacity": 4,
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
        },
        actor=None,
    )
    # Full, with a waiting list: two codes wait for a place.
    for _ in range(6):
        services.registration_create(session=job_dating, actor=None)
