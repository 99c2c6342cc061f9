"""Pages of a meeting's work: series, attendance, minutes (items, steps, corrections) and their exports."""

from datetime import timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.groups import exports, perms, services
from citemetiers.groups import minutes as minutes_services
from citemetiers.groups.forms import MINUTES_STEPS, AttendanceForm, CorrectionForm, MinuteItemForm, SeriesForm
from citemetiers.groups.models import Attendance, MeetingSeries, MinuteItem, Minutes, MinutesState
from citemetiers.groups.views import readable_group, readable_meeting


def _to_minutes(request, meeting):
    return redirect("groups:minutes", centre_slug=request.centre.slug, meeting_pk=meeting.pk)


def _manages(request, group) -> bool:
    return perms.can_manage_group(services.acting_membership(group, request.user), group)


@centre_view(perms.can_view_groups)
def series_create(request, group_pk):
    group = readable_group(request, group_pk)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form,
            services.series_schedule,
            group=group,
            rrule=data["rrule"],
            first_start=data["first_start"],
            duration=timedelta(minutes=data["duration"]),
            exceptions=data["exceptions"],
            place=data["place"],
            actor=request.user,
        )
        if attempt:
            messages.success(request, _("The series is scheduled."))
            return redirect("groups:series", centre_slug=request.centre.slug, series_pk=attempt.result.pk)
    return render(
        request, "groups/series_form.html", {"group": group, "form": form, "can_manage": _manages(request, group)}
    )


@centre_view(perms.can_view_groups, methods=("GET",))
def series_detail(request, series_pk):
    series = get_object_or_404(
        MeetingSeries.objects.filter(perms.readable_by_person(request.membership, through="group__")).select_related(
            "group"
        ),
        pk=series_pk,
    )
    return render(request, "groups/series.html", {"series": series, "meetings": series.meetings.order_by("starts_at")})


@centre_view(perms.can_view_groups)
def attendance(request, meeting_pk):
    meeting = readable_meeting(request, meeting_pk)
    rows = Attendance.objects.filter(meeting=meeting).select_related("member__user", "member__organisation")
    form = AttendanceForm(request.POST or None, attendances=rows.order_by("pk"))
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(
            form,
            services.attendance_record_all,
            meeting=meeting,
            changes=[(row.member, status) for row, status in form.changes()],
            actor=request.user,
        )
    ):
        messages.success(request, _("The attendance is recorded."))
        return redirect("groups:attendance", centre_slug=request.centre.slug, meeting_pk=meeting.pk)
    can_manage = _manages(request, meeting.group)
    return render(request, "groups/attendance.html", {"meeting": meeting, "form": form, "can_manage": can_manage})


def _versions(meeting):
    return list(
        Minutes.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("items", MinuteItem.objects.select_related("agenda_item", "task", "project")))
        .order_by("-version")
    )


@centre_view(perms.can_view_groups)
def minutes_page(request, meeting_pk):
    meeting = readable_meeting(request, meeting_pk)
    agenda = list(meeting.agenda.all())
    form = MinuteItemForm(request.POST or None, agenda=agenda, members=services.member_list(meeting.group))
    if request.method == "POST" and form.is_valid() and not _manages(request, meeting.group):
        # Refused before the draft is started: a refusal writes nothing.
        form.add_error(None, _("Only the group's convenor or a coordinator takes the minutes."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempt = run_form(
            form,
            minutes_services.minute_record,
            minutes=minutes_services.minutes_current(meeting),
            agenda_item=data["agenda_item"],
            text=data["text"],
            outcome=data["outcome"],
            owner=data["owner"],
            due_on=data["due_on"],
            title=data["title"],
            actor=request.user,
        )
        if attempt:
            messages.success(request, _("The minute is written down."))
            return _to_minutes(request, meeting)
    versions = _versions(meeting)
    current = versions[0] if versions else None
    context = {
        "meeting": meeting,
        "versions": versions,
        "current": current,
        "form": form,
        "correction_form": CorrectionForm(),
        "step": MINUTES_STEPS.get(current.state) if current else None,
        "is_draft": current is None or current.state == MinutesState.DRAFTED,
        "is_frozen": current is not None and current.state == MinutesState.FROZEN,
        "can_manage": _manages(request, meeting.group),
    }
    return render(request, "groups/minutes.html", context)


@centre_view(perms.can_view_groups, methods=("POST",))
def minutes_step(request, meeting_pk):
    meeting = readable_meeting(request, meeting_pk)
    current = Minutes.objects.filter(meeting=meeting).order_by("-version").first()
    if current is None:
        messages.error(request, _("Nothing is written down yet."))
    else:
        attempt = run_action(
            request,
            minutes_services.minutes_transition,
            minutes=current,
            transition=request.POST.get("transition", ""),
            actor=request.user,
        )
        if attempt:
            state = attempt.result.get_state_display()
            messages.success(request, _("The minutes are now “%(state)s”.") % {"state": state})
    return _to_minutes(request, meeting)


@centre_view(perms.can_view_groups, methods=("POST",))
def minutes_correct(request, meeting_pk):
    meeting = readable_meeting(request, meeting_pk)
    current = Minutes.objects.filter(meeting=meeting).order_by("-version").first()
    form = CorrectionForm(request.POST)
    if current is None:
        messages.error(request, _("Nothing is written down yet."))
    elif not form.is_valid():
        messages.error(request, " ".join(form.errors.get("reason", [])))
    elif run_action(
        request,
        minutes_services.minutes_correct,
        minutes=current,
        reason=form.cleaned_data["reason"],
        actor=request.user,
    ):
        messages.success(request, _("A new version is open for the correction."))
    return _to_minutes(request, meeting)


def _latest_for_export(request, meeting_pk):
    """The latest version with its items and who attended; before anything is written, an empty draft
    (not saved) so that the document still says which meeting it is."""
    meeting = readable_meeting(request, meeting_pk)
    minutes = (
        Minutes.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("items", MinuteItem.objects.select_related("agenda_item", "task", "project")))
        .order_by("-version")
        .first()
    ) or Minutes(centre=meeting.centre, meeting=meeting)
    minutes.meeting = meeting
    return minutes


@centre_view(perms.can_view_groups, methods=("GET",))
def minutes_pdf(request, meeting_pk):
    response = HttpResponse(
        exports.minutes_pdf(_latest_for_export(request, meeting_pk)), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="minutes.pdf"'
    return response


@centre_view(perms.can_view_groups, methods=("GET",))
def minutes_odt(request, meeting_pk):
    response = HttpResponse(
        exports.minutes_odt(_latest_for_export(request, meeting_pk)),
        content_type="application/vnd.oasis.opendocument.text",
    )
    response["Content-Disposition"] = 'attachment; filename="minutes.odt"'
    return response
