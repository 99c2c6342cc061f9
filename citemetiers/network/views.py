from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citemetiers.accounts.roles import Role
from citemetiers.centres import tenancy
from citemetiers.centres.models import Centre
from citemetiers.centres.services import centre_create, membership_add
from citemetiers.core.access import network_view
from citemetiers.core.errors import DomainError
from citemetiers.core.forms import add_domain_error
from citemetiers.network import perms
from citemetiers.network.forms import CentreCreateForm


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
        {"centres": centres, "country_count": len(countries), "can_manage": perms.can_manage_centres(request.user)},
    )


@network_view(perms.can_manage_centres)
def centre_add(request):
    form = CentreCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
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
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The Cité %(name)s is open on the platform.") % {"name": centre.name})
            return redirect("network:home")
    return render(request, "network/centre_form.html", {"form": form})
