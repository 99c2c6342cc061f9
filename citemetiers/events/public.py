"""Pages without login: a Cité's public agenda, and a registration code's page (reached by its secret).

Neither asks or shows anything about a person. A wrong secret is a plain 404.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres import tenancy
from citemetiers.centres.models import Centre
from citemetiers.core.access import public_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.events import selectors, services, throttling
from citemetiers.events.exports import registration_calendar, sessions_calendar
from citemetiers.events.forms import EvaluationForm
from citemetiers.events.models import Registration, RegistrationStatus, Session

AGENDA_DAYS = 60


def _registration(secret: str) -> Registration:
    with tenancy.visitor_secret_lookup():
        registration = (
            Registration.objects.select_related("session", "session__service", "centre").filter(secret=secret).first()
        )
    if registration is None or len(secret) < 22:
        raise Http404
    # The secret named the Cité: the rest of the page reads that Cité's data only.
    tenancy.enter_for_request(tenancy.centre_scope(registration.centre))
    return registration


def _upcoming(centre: Centre):
    now = timezone.now()
    return (
        selectors.with_counts(Session.objects.for_centre(centre).scheduled())
        .filter(ends_at__gt=now, starts_at__lt=now + timedelta(days=AGENDA_DAYS))
        .select_related("service")
        .order_by("starts_at", "pk")
    )


def _centre(agenda_slug: str) -> Centre:
    centre = get_object_or_404(Centre, slug=agenda_slug)
    tenancy.enter_for_request(tenancy.centre_scope(centre))
    return centre


@public_view(methods=("GET",))
def agenda(request, agenda_slug):
    """The Cité's upcoming sessions, for the kiosk, the waiting room or a visitor's phone."""
    centre = _centre(agenda_slug)
    return render(request, "events/public_agenda.html", {"centre": centre, "sessions": _upcoming(centre)})


@public_view(methods=("GET",))
def agenda_embed(request, agenda_slug):
    """The upcoming sessions as a bare fragment for an iframe on the Cité's own website.

    Only this page may be framed, and only by the origin of the Cité's website (its settings): the
    snippet has no form, but a looser frame-ancestors on every page would expose the others to
    clickjacking. Without a website, nobody may frame it.
    """
    centre = _centre(agenda_slug)
    response = render(request, "events/agenda_embed.html", {"centre": centre, "sessions": _upcoming(centre)})
    parts = urlsplit(centre.website)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else "'none'"
    # What csp.decorators.csp_replace sets, computed per Cité.
    response._csp_replace = {"frame-ancestors": [origin]}
    response.xframe_options_exempt = origin != "'none'"
    return response


@public_view(methods=("GET",))
def agenda_ics(request, agenda_slug):
    centre = _centre(agenda_slug)
    return HttpResponse(sessions_calendar(centre, _upcoming(centre)), content_type="text/calendar")


@public_view(methods=("GET",))
def code_page(request, code_secret):
    if refusal := throttling.code_page_refusal(request):
        return refusal
    registration = _registration(code_secret)
    context = {
        "registration": registration,
        "session": registration.session,
        "position": selectors.waiting_position(registration),
        "can_cancel": registration.status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING),
        "can_evaluate": registration.status == RegistrationStatus.ATTENDED and not hasattr(registration, "evaluation"),
        "evaluation_form": EvaluationForm(),
    }
    return render(request, "events/code_page.html", context)


@public_view(methods=("GET",))
def code_ics(request, code_secret):
    """The visitor's place for their own calendar (no name, no address of theirs: there is none)."""
    if refusal := throttling.code_page_refusal(request):
        return refusal
    registration = _registration(code_secret)
    response = HttpResponse(registration_calendar(registration), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="workshop.ics"'
    return response


@public_view(methods=("POST",))
def code_cancel(request, code_secret):
    if refusal := throttling.code_page_refusal(request):
        return refusal
    registration = _registration(code_secret)
    if request.POST.get("confirm") and run_action(
        request, services.registration_cancel, registration=registration, actor=None
    ):
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events_public:code", code_secret=code_secret)


@public_view(methods=("POST",))
def code_evaluate(request, code_secret):
    if refusal := throttling.code_page_refusal(request):
        return refusal
    registration = _registration(code_secret)
    form = EvaluationForm(request.POST)
    if form.is_valid() and run_form(
        form,
        services.evaluation_create,
        registration=registration,
        score=form.cleaned_data["score"],
        comment=form.cleaned_data["comment"],
    ):
        messages.success(request, _("Thank you for your evaluation."))
        return redirect("events_public:code", code_secret=code_secret)
    context = {
        "registration": registration,
        "session": registration.session,
        "position": None,
        "can_cancel": False,
        "can_evaluate": True,
        "evaluation_form": form,
    }
    return render(request, "events/code_page.html", context, status=422)
