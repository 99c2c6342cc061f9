"""Attendance at the school: the organisers mark who came to each session of the programme; the
attendance certificate lists the sessions attended, for the participant and the network's coordinators."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from citemetiers.core.access import network_view
from citemetiers.core.forms import run_action
from citemetiers.school import exports, perms, selectors, services
from citemetiers.school.models import Participant, ParticipantStatus
from citemetiers.school.views import _edition, _int, _organised


def _at(edition, slot) -> str:
    url = reverse("school:attendance", kwargs={"edition_pk": edition.pk})
    return f"{url}?slot={slot.pk}" if slot else url


@network_view(perms.can_co_organise_school)
def attendance(request, edition_pk):
    """At the door of a session: its registered participants (those who picked it first), each marked
    present or not with one button."""
    edition = _organised(request, edition_pk)
    slots = selectors.programme(edition)
    chosen = _int(request.POST.get("slot") if request.method == "POST" else request.GET.get("slot"))
    slot = next((s for s in slots if s.pk == chosen), None)
    if request.method == "POST":
        participant = (
            Participant.objects.filter(edition=edition, pk=_int(request.POST.get("participant")))
            .select_related("edition__host_centre")
            .first()
        )
        if slot is None or participant is None:
            messages.error(request, _("Choose a session of the programme and one of its participants."))
        elif run_action(
            request,
            services.session_attendance_record,
            participant=participant,
            slot=slot,
            attended=request.POST.get("attended") == "1",
            actor=request.user,
        ):
            messages.success(request, _("The attendance is saved."))
        return redirect(_at(edition, slot))
    slot = slot or (slots[0] if slots else None)
    context = {
        "edition": edition,
        "slots": slots,
        "slot": slot,
        "rows": selectors.session_attendance(edition, slot) if slot else [],
    }
    return render(request, "school/attendance.html", context)


@network_view(perms.can_view_school, methods=("GET",))
def certificate(request, edition_pk):
    """The attendance certificate: the signed-in participant's own, or, for the network's coordinators,
    the one of the participant the address names. It comes once the organisers record the attendance."""
    edition = _edition(request, edition_pk)
    registrations = (
        Participant.objects.filter(edition=edition)
        .exclude(status=ParticipantStatus.CANCELLED)
        .select_related("user", "cite", "edition__host_centre")
    )
    if "participant" in request.GET:
        registration = registrations.filter(pk=_int(request.GET["participant"])).first()
        # Someone else's certificate names them: to whoever may not read it, it does not exist.
        if registration is None or not perms.can_download_certificate(request.user, registration):
            raise Http404
    else:
        registration = registrations.filter(user=request.user).first()
    if registration is None or not registration.attended:
        # Not an error of the address: the certificate comes once the organisers record the attendance.
        context = {"edition": edition, "own": "participant" not in request.GET}
        return render(request, "school/certificate_pending.html", context)
    body = exports.attendance_certificate(registration, selectors.sessions_attended(registration))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{edition.year}.pdf"'
    return response
