"""Notes to a Cité's team, written in the Cité's main language when they are made."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext

from citemetiers.core.models import Notification


def notify(*, centre, message: str, params: dict, url: str = "", users: Iterable = (None,)) -> None:
    """Leave `message` (a message id the caller marked for translation) to the whole team, or to `users`."""
    with translation.override(centre.main_language):
        text = (gettext(message) % params)[:300]
    Notification.objects.bulk_create(Notification(centre=centre, user=user, message=text, url=url) for user in users)
