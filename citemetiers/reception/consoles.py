"""The staff's daily screens: the reception console, the adviser console, the interview, the day close."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.core.idempotency import idempotent
from citemetiers.library.picker import resource_picker_context
from citemetiers.reception import interviews, selectors, ticketing, undo
from citemetiers.reception.duty import shift_now
from citemetiers.reception.forms import AdviserSetupForm, CheckInForm, InterviewForm, MoveTicketForm
from citemetiers.reception.models import AdviceArea, Interview, Outcome, Ticket, TicketStatus
from citemetiers.reception.perms import can_advise, can_check_in, can_close_day
from citemetiers.referentials.forms import occupation_picker_context


def _tickets(request):
    return Ticket.objects.for_centre(request.centre).select_related("area", "visit")


def _back(request, name: str, **kwargs):
    return redirect(name, centre_slug=request.centre.slug, **kwargs)


# Reception -----------------------------------------------------------------------------------


def _reception_context(request, form=None):
    return {
        "form": form or CheckInForm(centre=request.centre),
        "queues": selectors.queues(request.centre, with_tickets=True),
        "undoable": undo.undoable_cancellations(request.centre),
        # The page's own links, asked of reception's predicates here (the header knows no app's flags).
        "can": {"close_day": can_close_day(request.membership)},
    }


@centre_view(can_check_in, methods=("GET",))
def reception_console(request):
    return render(request, "reception/reception_console.html", _reception_context(request))


@centre_view(can_check_in, methods=("GET",))
def reception_queues(request):
    """The queues panel alone: the console refreshes it every few seconds."""
    return render(
        request,
        "reception/includes/reception_queues.html",
        {"queues": selectors.queues(request.centre, with_tickets=True)},
    )


@centre_view(can_check_in, methods=("POST",))
@idempotent
def reception_check_in(request):
    form = CheckInForm(request.POST, centre=request.centre)
    if form.is_valid():
        data = form.cleaned_data
        checked_in = run_form(
            form,
            ticketing.visit_check_in,
            centre=request.centre,
            areas=data["areas"],
            profile=data,
            outcome=data["outcome"],
            organisation=data["organisation"],
            service=data.get("service"),
            workshop=data.get("workshop"),
            first_need=data["first_need"],
            actor=request.user,
        )
        if checked_in:
            visit, tickets = checked_in.result
            if visit.registration is not None:
                return _back(request, "events:slip", registration_pk=visit.registration.pk)
            if not tickets:
                messages.success(
                    request,
                    _("Visit recorded: %(outcome)s.") % {"outcome": Outcome(data["outcome"]).label},
                )
                return _back(request, "reception:console")
            labels = ", ".join(ticket.label for ticket in tickets)
            messages.success(request, _("Ticket issued: %(labels)s.") % {"labels": labels})
            return _back(request, "reception:ticket_print", ticket_pk=tickets[0].pk)
    return render(request, "reception/reception_console.html", _reception_context(request, form), status=422)


@centre_view(can_check_in, methods=("GET",))
def ticket_print(request, ticket_pk):
    """The printable slip (80 mm receipt) of every ticket of the visit, each with its live-page QR code."""
    ticket = get_object_or_404(_tickets(request), pk=ticket_pk)
    tickets = list(_tickets(request).filter(visit=ticket.visit).order_by("pk"))
    return render(request, "reception/ticket_print.html", {"tickets": tickets})


@centre_view(can_check_in)
@idempotent
def ticket_cancel(request, ticket_pk):
    """A confirmation page first (it works without script): the POST that carries `confirm` cancels."""
    ticket = get_object_or_404(_tickets(request), pk=ticket_pk)
    if request.method == "POST" and request.POST.get("confirm"):
        if run_action(request, ticketing.ticket_cancel, ticket=ticket, actor=request.user):
            messages.success(
                request,
                _("Ticket %(label)s cancelled. You can undo it for %(minutes)s minutes from the console.")
                % {"label": ticket.label, "minutes": undo.UNDO_MINUTES},
            )
        return _back(request, "reception:console")
    return render(request, "reception/ticket_cancel.html", {"ticket": ticket, "minutes": undo.UNDO_MINUTES})


@centre_view(can_check_in, methods=("POST",))
@idempotent
def ticket_cancel_undo(request, ticket_pk):
    ticket = get_object_or_404(_tickets(request), pk=ticket_pk)
    if run_action(request, undo.ticket_cancel_undo, ticket=ticket, actor=request.user):
        messages.success(request, _("Ticket %(label)s is back in the queue.") % {"label": ticket.label})
    return _back(request, "reception:console")


@centre_view(can_check_in)
@idempotent
def ticket_move(request, ticket_pk):
    ticket = get_object_or_404(_tickets(request), pk=ticket_pk)
    form = MoveTicketForm(request.POST or None, centre=request.centre, exclude=ticket.area)
    if request.method == "POST" and form.is_valid():
        moved = run_form(form, ticketing.ticket_move, ticket=ticket, area=form.cleaned_data["area"], actor=request.user)
        if moved:
            new = moved.result
            messages.success(
                request,
                _("Ticket %(old)s moved: the visitor's new ticket is %(new)s, with the same place in time.")
                % {"old": ticket.label, "new": new.label},
            )
            return _back(request, "reception:ticket_print", ticket_pk=new.pk)
    return render(request, "reception/ticket_move.html", {"form": form, "ticket": ticket})


@centre_view(can_close_day, methods=("GET",))
def day_close(request):
    today = ticketing.service_date(request.centre, timezone.now())
    return render(
        request,
        "reception/day_close.html",
        {"summary": selectors.day_summary(request.centre, today), "undoable": undo.day_close_undoable(request.centre)},
    )


def _closes_at(centre, now) -> str | None:
    """Today's closing time of the Cité ("17:30") while it is still open, else None."""
    local = timezone.localtime(now, ZoneInfo(centre.time_zone))
    ends = [end for _start, end in centre.opening_periods(local.weekday()) if end]
    closing = max(ends, default=None)
    return closing if closing and local.strftime("%H:%M") < closing else None


@centre_view(can_close_day)
@idempotent
def day_close_confirm(request):
    """What closing the day will do, then the POST with `confirm` that does it."""
    now = timezone.now()
    today = ticketing.service_date(request.centre, now)
    if request.method == "POST" and request.POST.get("confirm"):
        closed = ticketing.tickets_close_day(centre=request.centre, day=today, actor=request.user, now=now)
        messages.success(
            request,
            ngettext(
                "The day is closed: %(count)s ticket still open was recorded as left without being seen.",
                "The day is closed: %(count)s tickets still open were recorded as left without being seen.",
                closed,
            )
            % {"count": closed},
        )
        return _back(request, "reception:day_close")
    summary = selectors.day_summary(request.centre, today)
    return render(
        request,
        "reception/day_close_confirm.html",
        {"summary": summary, "closes_at": _closes_at(request.centre, now), "minutes": undo.UNDO_MINUTES},
    )


@centre_view(can_close_day, methods=("POST",))
@idempotent
def day_close_undo(request):
    undone = run_action(request, undo.day_close_undo, centre=request.centre, actor=request.user)
    if undone:
        reopened = undone.result
        messages.success(
            request,
            ngettext(
                "The closing is undone: %(count)s ticket is open again.",
                "The closing is undone: %(count)s tickets are open again.",
                reopened,
            )
            % {"count": reopened},
        )
    return _back(request, "reception:day_close")


# Adviser -------------------------------------------------------------------------------------


def _setup_key(request) -> str:
    return f"adviser_setup:{request.centre.pk}"


def _adviser_setup(request) -> tuple[list[AdviceArea], str]:
    """The areas and desk the adviser chose for this session, still open in the Cité.

    Until they choose, the roster's current shift decides: its area and its desk.
    """
    saved = request.session.get(_setup_key(request))
    if saved is None:
        shift = shift_now(request.membership, now=timezone.now())
        saved = {"areas": [shift.area_id], "desk": shift.desk} if shift else {}
    areas = list(AdviceArea.objects.for_centre(request.centre).active().filter(pk__in=saved.get("areas", [])))
    return areas, saved.get("desk", "")


def _current_ticket(request):
    return (
        _tickets(request)
        .filter(adviser=request.user, status__in=[TicketStatus.CALLED, TicketStatus.IN_SERVICE])
        .order_by("-called_at")
        .first()
    )


def _adviser_context(request, setup_form=None):
    areas, desk = _adviser_setup(request)
    today = ticketing.service_date(request.centre, timezone.now())
    return {
        "areas": areas,
        "desk": desk,
        "setup_form": setup_form
        or AdviserSetupForm(centre=request.centre, initial={"areas": [a.pk for a in areas], "desk": desk}),
        # The adviser's own areas only, already read: the others' queues are not computed at all.
        "queues": selectors.queues(request.centre, areas=areas),
        "current": _current_ticket(request),
        "to_record": _tickets(request).filter(
            adviser=request.user, status=TicketStatus.DONE, service_date=today, interview=None
        ),
    }


@centre_view(can_advise, methods=("GET",))
def adviser_console(request):
    return render(request, "reception/adviser_console.html", _adviser_context(request))


@centre_view(can_advise, methods=("GET",))
def adviser_panel(request):
    """The adviser's queues and current visitor alone: refreshed every few seconds."""
    return render(request, "reception/includes/adviser_panel.html", _adviser_context(request))


@centre_view(can_advise, methods=("POST",))
def adviser_setup(request):
    form = AdviserSetupForm(request.POST, centre=request.centre)
    if not form.is_valid():
        return render(request, "reception/adviser_console.html", _adviser_context(request, form), status=422)
    request.session[_setup_key(request)] = {
        "areas": [area.pk for area in form.cleaned_data["areas"]],
        "desk": form.cleaned_data["desk"].strip(),
    }
    messages.success(request, _("Your advice areas and desk are saved for this session."))
    return _back(request, "reception:adviser")


@centre_view(can_advise, methods=("POST",))
@idempotent
def adviser_call_next(request):
    areas, desk = _adviser_setup(request)
    if not areas or not desk:
        messages.error(request, _("Choose your advice areas and your desk first."))
        return _back(request, "reception:adviser")
    if _current_ticket(request) is not None:
        messages.error(request, _("Finish or release your current visitor before calling the next one."))
        return _back(request, "reception:adviser")
    only = request.POST.get("area")
    if only:
        areas = [area for area in areas if str(area.pk) == only]
    ticket = ticketing.ticket_call_next(centre=request.centre, areas=areas, adviser=request.user, desk=desk)
    if ticket is None:
        messages.info(request, _("Nobody is waiting in your advice areas."))
    else:
        messages.success(request, _("You called %(label)s to %(desk)s.") % {"label": ticket.label, "desk": desk})
    return _back(request, "reception:adviser")


TICKET_ACTIONS = {
    "recall": (ticketing.ticket_recall, "reception:adviser"),
    "start": (ticketing.ticket_start, "reception:adviser"),
    "no-show": (ticketing.ticket_no_show, "reception:adviser"),
    "finish": (ticketing.ticket_finish, "reception:interview"),
}


@centre_view(can_advise, methods=("POST",))
@idempotent
def adviser_ticket_action(request, ticket_pk, action):
    ticket = get_object_or_404(_tickets(request), pk=ticket_pk)
    if action not in TICKET_ACTIONS:
        return _back(request, "reception:adviser")
    service, next_page = TICKET_ACTIONS[action]
    if not run_action(request, service, ticket=ticket, actor=request.user):
        return _back(request, "reception:adviser")
    if next_page == "reception:interview":
        return _back(request, next_page, ticket_pk=ticket.pk)
    return _back(request, next_page)


@centre_view(can_advise)
def interview_form(request, ticket_pk):
    ticket = get_object_or_404(_tickets(request), pk=ticket_pk)
    interview = Interview.objects.filter(ticket=ticket).first()
    if request.method == "POST":
        form = InterviewForm(request.POST, centre=request.centre)
    elif interview is not None:
        form = InterviewForm(
            centre=request.centre,
            initial={
                "themes": interview.themes.all(),
                "occupations": interview.occupations.all(),
                "resources": interview.resources.all(),
                "orientations": interview.orientations,
                "organisations": interview.organisations.all(),
                "other_area": interview.other_area,
                "recommendations": interview.recommendations,
                "duration_minutes": interview.duration_minutes,
                "notes": interview.notes,
            },
        )
    else:
        form = InterviewForm(centre=request.centre, initial={"duration_minutes": interviews.default_duration(ticket)})
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(form, interviews.interview_record, ticket=ticket, data=form.cleaned_data, actor=request.user)
    ):
        messages.success(request, _("The interview of %(label)s is recorded.") % {"label": ticket.label})
        return _back(request, "reception:adviser")
    return render(
        request,
        "reception/interview_form.html",
        {
            "form": form,
            "ticket": ticket,
            "interview": interview,
            **occupation_picker_context(request, form["occupations"]),
            **resource_picker_context(request, form["resources"]),
        },
        status=422 if request.method == "POST" else 200,
    )
