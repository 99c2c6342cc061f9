"""Pages of working groups: list, group, meeting (agenda, attendance, minutes), decisions register."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view, network_view, public_view
from citemetiers.core.forms import run_form
from citemetiers.groups import exports, feeds, perms, services
from citemetiers.groups.forms import AgendaItemForm
from citemetiers.groups.models import (
    Decision,
    GroupScope,
    Meeting,
    MeetingFeed,
    MinuteItem,
    Minutes,
    Poll,
    WorkingGroup,
)
from citemetiers.network.perms import is_network_staff


def readable_group(request, group_pk):
    """The group if this person reads it from this Cité, else 404 (another Cité's group says nothing)."""
    return get_object_or_404(
        WorkingGroup.objects.filter(perms.readable_by_person(request.membership)).select_related(
            "centre", "convenor__user"
        ),
        pk=group_pk,
    )


def readable_meeting(request, meeting_pk):
    return get_object_or_404(
        Meeting.objects.filter(perms.readable_by_person(request.membership, through="group__")).select_related(
            "group__centre"
        ),
        pk=meeting_pk,
    )


@centre_view(perms.can_view_groups, methods=("GET",))
def group_list(request):
    # Read within the Cité's scope: its own groups, the network's, and those its staff are invited to.
    groups = (
        WorkingGroup.objects.filter(perms.readable_by_person(request.membership))
        .annotate(member_count=Count("members", distinct=True))
        .select_related("centre")
    )
    feed = MeetingFeed.objects.filter(user=request.user, group__isnull=True).first()
    return render(request, "groups/list.html", {"groups": groups, "feed": feed})


@centre_view(perms.can_view_groups, methods=("GET",))
def group_detail(request, group_pk):
    group = readable_group(request, group_pk)
    members = services.member_list(group)
    organisations = {m.organisation_id for m in members if m.organisation_id}
    meetings = Meeting.objects.filter(group=group).annotate(item_count=Count("agenda")).order_by("-starts_at")[:24]
    decisions = Decision.objects.filter(group=group)[:10]
    member = services.acting_membership(group, request.user)
    can_manage = perms.can_manage_group(member, group)
    return render(
        request,
        "groups/detail.html",
        {
            "group": group,
            "members": members,
            "organisation_count": len(organisations),
            "meetings": meetings,
            "decisions": decisions,
            "polls": Poll.objects.filter(group=group).order_by("closed", "-closes_at")[:10],
            "series": group.series.order_by("-first_start"),
            "feed": MeetingFeed.objects.filter(user=request.user, group=group).first(),
            "can_manage": can_manage,
            # The manager takes part by definition: no second look at the membership link.
            "can_take_part": can_manage or perms.can_take_part(member, group),
        },
    )


@centre_view(perms.can_view_groups, methods=("GET", "POST"))
def meeting_detail(request, meeting_pk):
    meeting = readable_meeting(request, meeting_pk)
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
            # The form only for who the service would take it from: no form that can only be refused.
            "may_propose": perms.can_propose_agenda_item(
                services.acting_membership(meeting.group, request.user), meeting
            ),
        },
    )


def _decisions(request):
    return (
        Decision.objects.filter(perms.readable_by_person(request.membership, through="group__"))
        .select_related("group", "meeting")
        .prefetch_related("participants__user")
    )


@centre_view(perms.can_view_groups, methods=("GET",))
def decisions(request):
    return render(request, "groups/decisions.html", {"decisions": _decisions(request)})


@centre_view(perms.can_view_groups, methods=("GET",))
def decisions_csv(request):
    response = HttpResponse(
        exports.as_csv(exports.decision_rows(_decisions(request))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    return response


@centre_view(perms.can_view_groups, methods=("GET",))
def decisions_xlsx(request):
    response = HttpResponse(
        exports.as_xlsx(exports.decision_rows(_decisions(request)), _("Decisions")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="decisions.xlsx"'
    return response


@centre_view(perms.can_view_groups, methods=("POST",))
def feed_regenerate(request, group_pk=None):
    """A new secret calendar address: of this group, or of all the person's groups (no group)."""
    group = readable_group(request, group_pk) if group_pk is not None else None
    feeds.feed_regenerate(user=request.user, group=group, actor=request.user)
    messages.success(request, _("A new address has been made; the old one no longer works."))
    if group is not None:
        return redirect("groups:detail", centre_slug=request.centre.slug, group_pk=group.pk)
    return redirect("groups:list", centre_slug=request.centre.slug)


@public_view(methods=("GET",))
def feed(request, meeting_feed):
    """A group's or a person's meetings as an iCalendar feed reached by its secret address."""
    found = MeetingFeed.objects.select_related("user").filter(token=meeting_feed, user__is_active=True).first()
    if found is None:
        raise Http404
    response = HttpResponse(
        feeds.meetings_calendar(feeds.feed_meetings(found)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


@network_view(is_network_staff, methods=("GET",))
def network_groups(request):
    """The network's groups, for the network's staff (read in the network's scope)."""
    groups = (
        WorkingGroup.objects.filter(scope=GroupScope.NETWORK)
        .annotate(member_count=Count("members", distinct=True))
        .select_related("centre", "convenor__user")
    )
    return render(request, "groups/network_list.html", {"groups": list(groups)})
