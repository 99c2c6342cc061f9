"""A demo roster: desks, a team of advisers from the partners, their availability, two months planned."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Membership
from citemetiers.rosters import planner, planning, services
from citemetiers.rosters.models import Desk, Shift, Slot

DESKS = [("Bureau 1", 1), ("Bureau 2", 1), ("Bureau 3", 1), ("Salle collective", 2)]


def seed_rosters(*, centre, today: date | None = None) -> None:
    """Desks, availability and a published roster for this month and the next (once per Cité)."""
    if Desk.objects.for_centre(centre).exists():
        return
    today = today or timezone.localdate()
    draw = random.Random(f"roster-{centre.slug}")  # noqa: S311 -- reproducible demo, not security
    for name, capacity in DESKS:
        services.desk_save(centre=centre, desk=None, name=name, capacity=capacity, is_active=True, actor=None)
    advisers = Membership.objects.active().for_centre(centre).with_role(Role.ADVISER).order_by("pk")
    half_days = [(day, slot) for day in range(6) for slot in Slot.values if (day, slot) != (5, "pm")]
    for member in advisers:
        chosen = draw.sample(half_days, k=draw.randint(4, 7))
        services.availability_set(membership=member, cells=chosen, valid_from=today - timedelta(days=30), actor=None)
    # From this week's Monday, so that the calendar a newcomer opens first is filled.
    starts_on = today - timedelta(days=today.weekday())
    ends_on = (today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    problem, _forecast, _cells = planning.build_problem(centre, starts_on, ends_on, today=today)
    solution = planner.solve(problem, time_limit=3)
    Shift.objects.bulk_create(
        Shift(centre=centre, membership_id=s.adviser, area_id=s.area, desk_id=s.desk, date=s.day, slot=s.slot)
        for s in solution.shifts
        if not s.locked
    )
