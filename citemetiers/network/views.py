from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citemetiers.accounts.roles import Role
from citemetiers.centres import tenancy
from citemetiers.centres.models import Centre, Membership
from citemetiers.centres.services import centre_create, membership_add
from citemetiers.core.access import login_view, network_view
from citemetiers.core.forms import run_form
from citemetiers.network import homes, perms
from citemetiers.network.forms import CentreCreateForm


@login_view(methods=("GET",))
def home(request):
    """Send each person to where they work: their Cité, the last one they used, or a choice.

    The site's root lives here, above centres, because the network area is one of the places it sends to."""
    with tenancy.own_memberships():
        memberships = list(Membership.objects.active().filter(user=request.user).select_related("centre"))
    slugs = [membership.centre.slug for membership in memberships]
    last = request.session.get("last_centre")
    if last in slugs:
        return redirect("centres:home", centre_slug=last)
    if len(memberships) == 1 and not perms.is_network_staff(request.user):
        return redirect("centres:home", centre_slug=slugs[0])
    if not memberships and perms.is_network_staff(request.user):
        return redirect("network:home")
    return render(request, "network/choose_centre.html", {"memberships": memberships})


@network_view(perms.is_network_staff, methods=("GET",))
def network_home(request):
    # Only the Cités' public profile and counts cross the Cité boundary here.
    centres = Centre.objects.annotate(
        team_size=Count("memberships", filter=Q(memberships__is_active=True), distinct=True),
        area_count=Count("advice_areas", filter=Q(advice_areas__is_active=True), distinct=True),
    ).order_by("country", "name")
    countries = sorted({centre.country for centre in centres})
    return render(
        request,
        "network/home.html",
        {
            # What needs the network staff first: the panels the apps above contribute for their roles.
            "panels": homes.panels_for(request),
            "centres": centres,
            "country_count": len(countries),
            "can_manage": perms.can_manage_centres(request.user),
        },
    )


@network_view(perms.can_manage_centres)
def centre_add(request):
    form = CentreCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        @transaction.atomic  # the Cité and its first coordinator together, or neither
        def open_centre():
            centre = centre_create(
                data=data,
                slug=data["slug"],
                host_organisation_name=data["host_organisation_name"],
                actor=request.user,
            )
            # The network names the new Cité's first coordinator from outside it, in its scope.
            with tenancy.centre_scope(centre):
                membership_add(
                    centre=centre,
                    email=data["coordinator_email"],
                    full_name=data["coordinator_name"],
                    roles=[Role.COORDINATOR],
                    organisation=centre.organisations.get(),
                    actor=request.user,
                    request=request,
                )
            return centre

        opened = run_form(form, open_centre)
        if opened:
            messages.success(request, _("The Cité %(name)s is open on the platform.") % {"name": opened.result.name})
            return redirect("network:home")
    return render(request, "network/centre_form.html", {"form": form})
