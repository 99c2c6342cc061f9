"""The person's tasks due soon, on the Cité's home."""

from datetime import timedelta

from django.utils import timezone

from citemetiers.core import homes
from citemetiers.projects import perms, selectors

# A week ahead, and whatever is already late.
DUE_SOON_DAYS = 7


def _due_soon(request) -> dict:
    today = timezone.localdate()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    tasks = [t for t in selectors.my_tasks(request.user) if t.due_on is not None and t.due_on <= horizon]
    return {"tasks": tasks, "today": today}


homes.panel(
    "tasks_due_soon",
    order=12,
    template="projects/home/due_soon.html",
    applies=perms.can_view_projects,
    context=_due_soon,
)
