"""An adviser's calendar feed (ICS): the secret address their calendar application reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from citemetiers.centres.models import Membership
from citemetiers.core.audit import audit_log
from citemetiers.rosters.models import RosterFeed

if TYPE_CHECKING:
    from citemetiers.accounts.models import User


def feed_for(membership: Membership) -> RosterFeed:
    feed, _created = RosterFeed.objects.get_or_create(membership=membership)
    return feed


def feed_regenerate(*, membership: Membership, actor: User) -> RosterFeed:
    with transaction.atomic():
        RosterFeed.objects.filter(membership=membership).delete()
        feed = RosterFeed.objects.create(membership=membership)
        audit_log(actor=actor, action="roster.feed_regenerate", target=membership, centre=membership.centre)
    return feed
