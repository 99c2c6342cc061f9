"""How often codes may be typed at the door and a code's pages read; past the limit, a 429 that says why.

Counted in the database (accounts' RateLimitEvent) rather than in a process's memory, so that the
limit holds across app servers; the keys (a staff member, an address) are stored as keyed digests.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from citemetiers.accounts.throttling import client_address, rate_limit_allow


def _refusal(request, message: str):
    return render(request, "events/throttled.html", {"message": message}, status=429)


def door_refusal(request):
    """None while this staff member may type another code at this Cité's doors, else the 429 page."""
    key = f"{request.centre.pk}:{request.user.pk}"
    if rate_limit_allow(
        keys={"events-door-code": key},
        limit=settings.EVENTS_DOOR_CODE_LIMIT,
        window=settings.EVENTS_THROTTLE_WINDOW,
    ):
        return None
    return _refusal(request, _("Too many codes typed in a short time. Wait a few minutes, then type the code again."))


def code_page_refusal(request):
    """None while this address may read another registration code's page, else the 429 page."""
    if rate_limit_allow(
        keys={"events-code-page": client_address(request) or ""},
        limit=settings.EVENTS_CODE_PAGE_LIMIT,
        window=settings.EVENTS_THROTTLE_WINDOW,
    ):
        return None
    return _refusal(request, _("Too many requests from this connection. Please try again in a few minutes."))
