"""Pages of working groups: list, group, meeting (agenda, attendance, minutes), decisions register."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_form
from citemetiers.groups import perms, services
from citemetiers.groups.forms import AgendaItemForm
from citemetiers.groups.models import Decision, Meeting, MinuteItem, Minutes, WorkingGroup


@centre_view(perms.can_view_groups, methods=("GET",))
def group_list(request):
    # Read within the Cité's scope: its own groups, the network's, and those its staff are invited to.
    groups = (
        WorkingGroup.objects.filter(perms.readable_by_person(request.membership))
        .annotate(member_count=Count("members", distinct=True))
        .select_related("centre")
    )
    return render(request, "groups/list.html", {"groups": groups})


@centre_view(perms.can_view_groups, methods=("GET",))
def group_detail(request, group_pk):
    group = get_object_or_404(
        WorkingGroup.objects.filter(perms.readable_by_person(request.membership)).select_related(
            "centre", "convenor__user"
        ),
        pk=group_pk,
    )
    members = services.member_list(group)
    organisations = {m.organisation_id for m in members if m.organisation_id}
    meetings = Meeting.objects.filter(group=group).annotate(item_count=Count("agenda")).order_by("-starts_at")[:24]
    decisions = Decision.objects.filter(group=group)[:10]
    return render(
        request,
        "groups/detail.html",
        {
            "group": group,
            "members": members,
            "organisation_count": len(organisations),
            "meetings": meetings,
            "decisions": decisions,
        },
    )


@centre_view(perms.can_view_groups, methods=("GET", "POST"))
def meeting_detail(request, meeting_pk):
    meeting = get_object_or_404(
        Meeting.objects.filter(perms.readable_by_person(request.membership, through="group__")).select_related(
            "group__centre"
        ),
        pk=meeting_pk,
    )
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = run_form(
            form, services.agenda_item_propose, meeting=meeting, title=form.cleaned_data["title"], actor=request.user
        )
        if attempt:
            messages.success(request, _("The item is on the agenda."))
            return redirect("groups:meeting", centre_slug=request.centre.slug, meeting_pk=meeting.pk)
    minutes = (
        Minutes.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("items", MinuteItem.objects.select_related("agenda_item", "task", "project")))
        .order_by("-version")
    )
    return render(
        request,
        "groups/meeting.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda.select_related("proposed_by__user"),
            "attendances": meeting.attendances.select_related("member__user", "member__organisation"),
            "minutes": minutes,
            "form": form,
        },
    )


@centre_view(perms.can_view_groups, methods=("GET",))
def decisions(request):
    rows = (
        Decision.objects.filter(perms.readable_by_person(request.membership, through="group__"))
        .select_related("group", "meeting")
        .prefetch_related("participants__user")
    )
    return render(request, "groups/decisions.html", {"decisions": rows})
