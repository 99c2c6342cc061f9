"""A participant's pages of an edition: their personal agenda and its ICS, their cancellation; the linking of
library material to a session of the programme; the author's naming of a co-author. (Attendance and its
certificate: attendance.py.)"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citemetiers.core.access import network_view
from citemetiers.core.forms import run_action
from citemetiers.library.models import Resource
from citemetiers.school import contributions as contribution_services
from citemetiers.school import exports, perms, selectors, services
from citemetiers.school.forms import CoAuthorForm
from citemetiers.school.models import Contribution, Participant, ParticipantStatus, Slot
from citemetiers.school.views import _edition, _int, _programme_slots


def _own_registration(request, edition):
    return (
        Participant.objects.filter(edition=edition, user=request.user)
        .exclude(status=ParticipantStatus.CANCELLED)
        .select_related("cite", "edition__host_centre")
        .first()
    )


@network_view(perms.can_take_part_in_school)
def agenda(request, edition_pk):
    """The participant's personal agenda: the programme's sessions, each to pick or drop."""
    edition, slots = _programme_slots(request, edition_pk)
    if request.method == "POST":
        slot = next((s for s in slots if s.pk == _int(request.POST.get("slot"))), None)
        if slot is None:
            messages.error(request, _("Choose a session of the programme."))
        else:
            service = services.agenda_drop if request.POST.get("action") == "drop" else services.agenda_pick
            if run_action(request, service, slot=slot, actor=request.user):
                messages.success(request, _("Your agenda is saved."))
        return redirect("school:agenda", edition_pk=edition.pk)
    picked = {s.pk for s in selectors.agenda(request.user, edition)}
    context = {
        "edition": edition,
        "registration": _own_registration(request, edition),
        "rows": [{"slot": s, "picked": s.pk in picked} for s in slots],
        "picked": [s for s in slots if s.pk in picked],
    }
    return render(request, "school/agenda.html", context)


@network_view(perms.can_take_part_in_school, methods=("GET",))
def agenda_ics(request, edition_pk):
    edition = _edition(request, edition_pk)
    name = _("My agenda · %(edition)s") % {"edition": edition}
    body = exports.programme_calendar(edition, selectors.agenda(request.user, edition), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{edition.year}.ics"'
    return response


@network_view(perms.can_take_part_in_school, methods=("POST",))
def cancel(request, edition_pk):
    """The participant cancels their registration; their place goes to their Cité's first waiting."""
    edition = _edition(request, edition_pk)
    registration = _own_registration(request, edition)
    if registration is None:
        messages.error(request, _("You are not registered to this edition."))
    elif run_action(request, services.participant_cancel, participant=registration, actor=request.user):
        messages.success(request, _("Your registration is cancelled."))
    return redirect("school:call", edition_pk=edition.pk)


@network_view(perms.can_take_part_in_school, methods=("POST",))
def material(request, edition_pk):
    """Link a library resource shared with the network to a session (its number in the library)."""
    edition = _edition(request, edition_pk)
    slot = (
        Slot.objects.filter(edition=edition, pk=_int(request.POST.get("slot"))).select_related("contribution").first()
    )
    # Read in the network's scope: only a shared resource is found.
    resource = Resource.objects.filter(pk=_int(request.POST.get("resource"))).first()
    if slot is None or resource is None:
        messages.error(request, _("Choose a session and the number of a resource the network shares."))
    elif run_action(request, services.material_link, slot=slot, resource=resource, actor=request.user):
        messages.success(request, _("The material is linked to the session."))
    return redirect("school:edition", edition_pk=edition.pk)


@network_view(perms.can_take_part_in_school, methods=("POST",))
def co_author(request, edition_pk):
    """The author names a co-author of one of their contributions to the edition, with that person's Cité."""
    edition = _edition(request, edition_pk)
    contribution = Contribution.objects.filter(
        edition=edition, author=request.user, pk=_int(request.POST.get("contribution"))
    ).first()
    form = CoAuthorForm(request.POST, prefix=f"c{contribution.pk}" if contribution else None)
    if contribution is None or not form.is_valid():
        messages.error(request, _("Choose one of your contributions, the co-author's e-mail address and their Cité."))
    elif run_action(
        request,
        contribution_services.co_author_add,
        contribution=contribution,
        user=form.cleaned_data["email"],
        cite=form.cleaned_data["cite"],
        actor=request.user,
    ):
        messages.success(request, _("The co-author is named."))
    return redirect("school:my_contributions")
