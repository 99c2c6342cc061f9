"""Notes to a Cité's team, read in each reader's language (and kept in the Cité's main one)."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext

from citemetiers.core.models import Notification


def notify(*, centre, message: str, params: dict, url: str = "", users: Iterable = (None,)) -> None:
    """Leave `message` (a message id the caller marked for translation) to the whole team, or to `users`."""
    with translation.override(centre.main_language):
        text = (gettext(message) % params)[:300]
    # Kept as text: a name is shown as it was when the note was made.
    params = {key: value if isinstance(value, int | float) else str(value) for key, value in params.items()}
    Notification.objects.bulk_create(
        Notification(centre=centre, user=user, message=text, message_id=message, params=params, url=url)
        for user in users
    )
