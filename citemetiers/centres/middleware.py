"""Tenancy fails closed: every /c/<centre-slug>/ view sees request.centre and request.membership.

A person who is not an active member of the Cité gets a 404, whether the Cité exists or not,
so that nobody learns what another Cité holds.

The ORM fails closed in the same way (`citemetiers.centres.tenancy`): every request runs in a scope
that names no Cité, where a query of a Cité's data raises, until this middleware finds the Cité of
the URL and enters its scope for the rest of the request; a page outside /c/ enters a Cité's scope
itself once it knows which (a visitor's secret) or reads through a named escape.
"""

from zoneinfo import ZoneInfo

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils import timezone

from citemetiers.centres import tenancy
from citemetiers.centres.models import Centre, Membership, Organisation
from citemetiers.core import personal_data

CENTRE_KWARG = "centre_slug"


class TenancyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.centre = None
        request.membership = None
        # Entered even where the caller had disabled the scopes (a test, a shell): a request never
        # inherits them.
        with tenancy.request_scopes():
            try:
                return self.get_response(request)
            finally:
                timezone.deactivate()
                if getattr(request, "guard_context_token", None) is not None:
                    personal_data.reset_context(request.guard_context_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.pop(CENTRE_KWARG, None)
        if slug is None:
            access = getattr(view_func, "access", None)
            if access is not None and access.scope == "network":
                tenancy.enter_for_request(tenancy.network_scope())
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        with tenancy.own_memberships():
            # Before the Cité is known, its one query finds the Cité and the person's place in it.
            # One row at most (a person is a member of a Cité once): no ordering, whose default
            # (the person's name) would join the users' table for nothing.
            membership = next(
                iter(
                    Membership.objects.active()
                    .select_related("centre", "organisation")
                    .filter(user=request.user, centre__slug=slug)
                    .order_by()[:1]
                ),
                None,
            )
        if membership is None:
            raise Http404
        tenancy.enter_for_request(tenancy.centre_scope(membership.centre))
        request.centre: Centre = membership.centre
        request.membership = membership
        # The Cité's staff and partners are not visitors: the guard lets them through on its pages.
        request.guard_context_token = personal_data.set_context(lambda: _guard_context(membership.centre))
        # Times on a Cité's pages are the Cité's own clock, wherever the server or the reader is.
        timezone.activate(ZoneInfo(membership.centre.time_zone))
        if request.session.get("last_centre") != slug:
            # Remembered so that "/" brings the person back to the Cité they were working in.
            request.session["last_centre"] = slug
        return None


def _guard_context(centre: Centre) -> personal_data.GuardContext:
    staff = Membership.objects.active().filter(centre=centre).values_list("user__full_name", flat=True)
    organisations = Organisation.objects.filter(centre=centre).values_list("name", flat=True)
    return personal_data.GuardContext.of(staff=list(staff), organisations=[centre.name, *organisations])
