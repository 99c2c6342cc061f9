from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres import perms, selectors, services
from citemetiers.centres.forms import (
    CentreProfileForm,
    ClosureForm,
    MemberAddForm,
    MemberEditForm,
    OrganisationForm,
    PartnershipForm,
)
from citemetiers.centres.models import Centre, Closure, Membership, Organisation, Partnership
from citemetiers.core import homes
from citemetiers.core.access import centre_view
from citemetiers.core.audit import action_name, audit_lines
from citemetiers.core.forms import render_form_page, save_form
from citemetiers.core.models import AuditEntry, Notification


@centre_view(perms.is_member, methods=("GET",))
def centre_home(request):
    """Each role finds first what it does first; a person with several roles sees each part."""
    centre, membership = request.centre, request.membership
    context = {
        # Each person's day first: the panels the apps above contribute for this member's roles.
        "panels": homes.panels_for(request),
        "can": {"manage_partnerships": perms.can_manage_partnerships(membership)},
        "current_partnerships": Partnership.objects.for_centre(centre).current().select_related("organisation"),
        "team_size": Membership.objects.active().for_centre(centre).count(),
        "notifications": Notification.objects.for_member(membership)[:5],
        "recent_changes": AuditEntry.objects.for_centre(centre).select_related("actor")[:5]
        if perms.can_view_audit_log(membership)
        else [],
    }
    return render(request, "centres/home.html", context)


@centre_view(perms.can_edit_profile)
def profile_edit(request):
    # The form works on its own copy: validation must not alter request.centre, the service writes it.
    form = CentreProfileForm(request.POST or None, instance=Centre.objects.get(pk=request.centre.pk))
    if request.method == "POST":
        response = save_form(
            request,
            form,
            lambda data: services.centre_update_profile(centre=request.centre, data=data, actor=request.user),
            _("The Cité's profile has been saved."),
            "centres:profile",
        )
        if response:
            return response
    return render(request, "centres/profile_form.html", {"form": form})


# How far ahead the closures page lists the public holidays.
HOLIDAYS_AHEAD_DAYS = 365


@centre_view(perms.can_edit_profile)
def closures(request):
    """The coming public holidays of the Cité's country and region, and its own closures to add or remove."""
    centre = request.centre
    form = ClosureForm(request.POST or None)
    if request.method == "POST":
        response = save_form(
            request,
            form,
            lambda data: services.closure_add(
                centre=centre,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                reason=data["reason"],
                actor=request.user,
            ),
            _("The closure has been recorded."),
            "centres:closures",
        )
        if response:
            return response
    today = timezone.localdate()
    context = {
        "form": form,
        "region": selectors.subdivisions(centre.country).get(centre.subdivision, ""),
        "holidays": selectors.public_holidays(centre, today, today + timedelta(days=HOLIDAYS_AHEAD_DAYS)),
        "closures": Closure.objects.for_centre(centre).filter(ends_on__gte=today),
        "past_closures": Closure.objects.for_centre(centre).filter(ends_on__lt=today).order_by("-starts_on")[:10],
    }
    return render(request, "centres/closures.html", context, status=422 if form.errors else 200)


@centre_view(perms.can_edit_profile, methods=("POST",))
def closure_remove(request, closure_pk):
    closure = get_object_or_404(Closure.objects.for_centre(request.centre), pk=closure_pk)
    services.closure_remove(closure=closure, actor=request.user)
    messages.success(request, _("The closure has been removed."))
    return redirect("centres:closures", centre_slug=request.centre.slug)


@centre_view(perms.can_manage_members, methods=("GET",))
def member_list(request):
    memberships = (
        Membership.objects.for_centre(request.centre)
        .select_related("user", "organisation")
        .order_by("-is_active", "user__full_name")
    )
    return render(request, "centres/member_list.html", {"memberships": memberships})


@centre_view(perms.can_manage_members)
def member_add(request):
    form = MemberAddForm(request.POST or None, centre=request.centre)
    if request.method == "POST":
        response = save_form(
            request,
            form,
            lambda data: services.membership_add(centre=request.centre, actor=request.user, request=request, **data),
            _("The person has joined the team."),
            "centres:members",
        )
        if response:
            return response
    return render(request, "centres/member_form.html", {"form": form})


@centre_view(perms.can_manage_members)
def member_edit(request, membership_pk):
    membership = get_object_or_404(
        Membership.objects.for_centre(request.centre).select_related("user"), pk=membership_pk
    )
    initial = {"roles": membership.roles, "organisation": membership.organisation, "is_active": membership.is_active}
    form = MemberEditForm(request.POST or None, initial=initial, centre=request.centre)
    if request.method == "POST":
        response = save_form(
            request,
            form,
            lambda data: services.membership_update(membership=membership, actor=request.user, **data),
            _("The membership has been saved."),
            "centres:members",
        )
        if response:
            return response
    return render(request, "centres/member_form.html", {"form": form, "membership": membership})


@centre_view(perms.can_manage_partnerships, methods=("GET",))
def organisation_list(request):
    organisations = Organisation.objects.for_centre(request.centre).order_by("-is_active", "name")
    partnerships = (
        Partnership.objects.for_centre(request.centre).select_related("organisation").prefetch_related("advice_areas")
    )
    return render(
        request, "centres/organisation_list.html", {"organisations": organisations, "partnerships": partnerships}
    )


@centre_view(perms.can_manage_partnerships)
def organisation_add(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST":
        response = save_form(
            request,
            form,
            lambda data: services.organisation_create(centre=request.centre, data=data, actor=request.user),
            _("The organisation has been added to the directory."),
            "centres:organisations",
        )
        if response:
            return response
    return render_form_page(request, form, None, _("Add an organisation"), "centres:organisations")


@centre_view(perms.can_manage_partnerships)
def organisation_edit(request, organisation_pk):
    organisation = get_object_or_404(Organisation.objects.for_centre(request.centre), pk=organisation_pk)
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST":
        response = save_form(
            request,
            form,
            lambda data: services.organisation_update(organisation=organisation, data=data, actor=request.user),
            _("The organisation has been saved."),
            "centres:organisations",
        )
        if response:
            return response
    return render_form_page(request, form, organisation, _("Add an organisation"), "centres:organisations")


def _partnership_data(data):
    data = dict(data)
    return data, data.pop("advice_areas")


@centre_view(perms.can_manage_partnerships)
def partnership_add(request):
    form = PartnershipForm(request.POST or None, centre=request.centre, initial=request.GET.dict())
    if request.method == "POST":

        def write(data):
            data, areas = _partnership_data(data)
            return services.partnership_create(centre=request.centre, data=data, advice_areas=areas, actor=request.user)

        response = save_form(request, form, write, _("The partnership has been recorded."), "centres:organisations")
        if response:
            return response
    return render_form_page(request, form, None, _("Record an agreement"), "centres:organisations")


@centre_view(perms.can_manage_partnerships)
def partnership_edit(request, partnership_pk):
    partnership = get_object_or_404(Partnership.objects.for_centre(request.centre), pk=partnership_pk)
    form = PartnershipForm(
        request.POST or None, centre=request.centre, instance=Partnership.objects.get(pk=partnership.pk)
    )
    if request.method == "POST":

        def write(data):
            data, areas = _partnership_data(data)
            data.pop("organisation", None)
            return services.partnership_update(
                partnership=partnership, data=data, advice_areas=areas, actor=request.user
            )

        response = save_form(request, form, write, _("The partnership has been saved."), "centres:organisations")
        if response:
            return response
    return render_form_page(request, form, partnership, _("Record an agreement"), "centres:organisations")


@centre_view(perms.can_view_audit_log, methods=("GET",))
def audit_log(request):
    entries = AuditEntry.objects.for_centre(request.centre).select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    actions = (
        AuditEntry.objects.for_centre(request.centre).order_by("action").values_list("action", flat=True).distinct()
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    lines = audit_lines(page, membership=request.membership)
    template = "centres/includes/audit_rows.html" if request.htmx else "centres/audit_log.html"
    actions = [(code, action_name(code)) for code in actions]
    return render(request, template, {"page": page, "lines": lines, "action": action, "actions": actions})
