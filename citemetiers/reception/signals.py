"""What reception tells the apps above it, without knowing them (the layers of pyproject.toml).

`day_changed` is sent inside the writer's transaction, synchronously (a Django signal runs its
receivers at once, and a receiver's error reaches the writer): the indicators mark the day for their
refresh in the same transaction and in the lock order that reception/ticketing.py relies on.
"""

from datetime import date

from django.dispatch import Signal

# Sent with centre_id and day whenever a ticket or an interview of that service day is written.
day_changed = Signal()


def day_mark_changed(*, centre_id: int, day: date) -> None:
    """Tell the listeners (the indicators) that a service day of the Cité changed."""
    day_changed.send(sender=None, centre_id=centre_id, day=day)
