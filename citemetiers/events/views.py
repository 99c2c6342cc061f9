"""Staff pages of a Cité's events: the list, a session (codes, door, head count), the forms, the exports."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.core.idempotency import idempotent
from citemetiers.events import selectors, services, throttling
from citemetiers.events.forms import CodeForm, EventTypeForm, HeadCountForm, RegisterForm, SessionForm, TemplateForm
from citemetiers.events.models import EventType, Registration, Session
from citemetiers.events.perms import can_manage_events, can_register_visitors
from citemetiers.referentials.forms import occupation_picker_context

# The list shows this far ahead (and the day's past sessions): a term of workshops.
LIST_DAYS = 90


def _sessions(request):
    return Session.objects.for_centre(request.centre)


def _session(request, session_pk):
    return get_object_or_404(_sessions(request).select_related("event_type", "service"), pk=session_pk)


@centre_view(is_member, methods=("GET",))
def session_list(request):
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    sessions = selectors.sessions_between(centre=request.centre, start=start, end=start + timedelta(days=LIST_DAYS))
    context = {
        "sessions": sessions,
        "can_manage": can_manage_events(request.membership),
        "indicators": selectors.indicators_by_type(centre=request.centre),
    }
    return render(request, "events/session_list.html", context)


@centre_view(is_member, methods=("GET",))
def session_detail(request, session_pk):
    session = get_object_or_404(selectors.with_counts(_sessions(request)), pk=session_pk)
    registrations = list(Registration.objects.filter(session=session).order_by("created_at", "pk"))
    context = {
        "session": session,
        "registrations": registrations,
        "can_manage": can_manage_events(request.membership),
        "can_register": can_register_visitors(request.membership),
        "register_form": RegisterForm(),
        "code_form": CodeForm(),
        "head_count_form": HeadCountForm(initial={"walk_ins": session.walk_ins}),
    }
    return render(request, "events/session_detail.html", context)


def _form_page(request, form, title, back):
    context = {"form": form, "title": title, "back": back}
    if "occupations" in form.fields:
        context.update(occupation_picker_context(request, form["occupations"]))
    return render(request, "events/form_page.html", context)


@centre_view(can_manage_events)
def session_create(request):
    form = SessionForm(request.POST or None, centre=request.centre)
    if request.method == "POST" and form.is_valid():
        attempt = run_form(
            form, services.session_create, centre=request.centre, data=form.cleaned_data, actor=request.user
        )
        if attempt:
            messages.success(request, _("The session is scheduled."))
            return redirect("events:session", centre_slug=request.centre.slug, session_pk=attempt.result.pk)
    return _form_page(request, form, _("New event"), "events:list")


@centre_view(can_manage_events)
def session_edit(request, session_pk):
    session = _session(request, session_pk)
    form = SessionForm(request.POST or None, instance=session, centre=request.centre)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(form, services.session_update, session=session, data=form.cleaned_data, actor=request.user)
    ):
        messages.success(request, _("The session is saved."))
        return redirect("events:session", centre_slug=request.centre.slug, session_pk=session.pk)
    return _form_page(request, form, session.title, "events:list")


@centre_view(can_manage_events)
def template_create(request):
    form = TemplateForm(request.POST or None, centre=request.centre)
    if request.method == "POST" and form.is_valid():
        attempt = run_form(
            form, services.template_create, centre=request.centre, data=form.cleaned_data, actor=request.user
        )
        if attempt:
            count = attempt.result.sessions.count()
            messages.success(request, _("The recurring workshop is scheduled: %(count)d sessions.") % {"count": count})
            return redirect("events:list", centre_slug=request.centre.slug)
    return _form_page(request, form, _("New recurring workshop"), "events:list")


@centre_view(can_manage_events)
def event_types(request):
    form = EventTypeForm(request.POST or None, centre=request.centre)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_form(
            form, services.event_type_create, centre=request.centre, data=form.cleaned_data, actor=request.user
        )
    ):
        messages.success(request, _("The event type is added."))
        return redirect("events:types", centre_slug=request.centre.slug)
    types = EventType.objects.for_centre(request.centre).select_related("advice_area")
    return render(request, "events/event_types.html", {"form": form, "types": types})


@centre_view(can_manage_events)
def session_cancel(request, session_pk):
    """A confirmation page first; the POST that carries `confirm` cancels the session and its codes."""
    session = _session(request, session_pk)
    if request.method == "POST" and request.POST.get("confirm"):
        if run_action(request, services.session_cancel, session=session, actor=request.user):
            messages.success(request, _("The session is cancelled; its codes' pages say so."))
        return redirect("events:session", centre_slug=request.centre.slug, session_pk=session.pk)
    return render(request, "events/session_cancel.html", {"session": session})


@centre_view(can_register_visitors, methods=("POST",))
@idempotent
def register(request, session_pk):
    session = _session(request, session_pk)
    form = RegisterForm(request.POST)
    if form.is_valid():
        attempt = run_action(
            request,
            services.registration_create,
            session=session,
            places=form.cleaned_data["places"],
            actor=request.user,
        )
        if attempt:
            return redirect("events:slip", centre_slug=request.centre.slug, registration_pk=attempt.result.pk)
    else:
        messages.error(request, _("Choose a number of places."))
    return redirect("events:session", centre_slug=request.centre.slug, session_pk=session.pk)


@centre_view(can_register_visitors, methods=("GET",))
def slip(request, registration_pk):
    """The printable slip of a registration: the code, the session, the QR code of the code's page."""
    registration = get_object_or_404(
        Registration.objects.for_centre(request.centre).select_related("session", "session__service"),
        pk=registration_pk,
    )
    position = selectors.waiting_position(registration)
    return render(request, "events/slip.html", {"registration": registration, "position": position})


@centre_view(can_register_visitors, methods=("POST",))
def door_check_in(request, session_pk):
    session = _session(request, session_pk)
    if refusal := throttling.door_refusal(request):
        return refusal
    form = CodeForm(request.POST)
    if form.is_valid():
        attempt = run_action(
            request, services.registration_check_in, session=session, code=form.cleaned_data["code"], actor=request.user
        )
        if attempt:
            messages.success(request, _("Code %(code)s checked in.") % {"code": attempt.result.code})
    else:
        messages.error(request, _("Type the registration code."))
    return redirect("events:session", centre_slug=request.centre.slug, session_pk=session.pk)


@centre_view(can_register_visitors, methods=("POST",))
def head_count(request, session_pk):
    session = _session(request, session_pk)
    form = HeadCountForm(request.POST)
    if form.is_valid():
        walk_ins = form.cleaned_data["walk_ins"]
        if run_action(request, services.session_head_count, session=session, walk_ins=walk_ins, actor=request.user):
            messages.success(request, _("The head count is saved."))
    else:
        messages.error(request, _("Type a number of people."))
    return redirect("events:session", centre_slug=request.centre.slug, session_pk=session.pk)
