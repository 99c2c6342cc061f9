"""Pages without login, each reached only through a secret: the visitor's ticket, the visitor card,
the waiting-room display and the kiosk. A wrong secret is a plain 404."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from citemetiers.accounts.throttling import client_address
from citemetiers.centres import tenancy
from citemetiers.core.access import public_view
from citemetiers.core.forms import run_action, run_form
from citemetiers.core.idempotency import idempotent
from citemetiers.reception import cards, interviews, selectors, ticketing
from citemetiers.reception.forms import CardCodeForm, KioskProfileForm, SurveyForm
from citemetiers.reception.models import AdviceArea, Interview, ReceptionSettings, Ticket, TicketStatus, Visit


def _ticket(secret: str) -> Ticket:
    with tenancy.visitor_secret_lookup():
        ticket = Ticket.objects.select_related("area", "centre", "visit").filter(secret=secret).first()
    if ticket is None or len(secret) < 22:
        raise Http404
    # The secret named the Cité: the rest of the page reads that Cité's data only.
    tenancy.enter_for_request(tenancy.centre_scope(ticket.centre))
    return ticket


def _address(request) -> str:
    return (client_address(request) or "unknown")[:64]


def _visitor_context(ticket: Ticket) -> dict:
    interview = (
        Interview.objects.filter(ticket=ticket)
        .select_related("other_area", "ticket")
        .prefetch_related("organisations", "services__structure", "resources__translations", "resources__links")
        .first()
    )
    # public_centre: the Cité's name heads the page, without any of the staff's navigation.
    context = {"ticket": ticket, "interview": interview, "centre": ticket.centre, "public_centre": ticket.centre}
    if ticket.status == TicketStatus.WAITING:
        context["ahead"] = selectors.tickets_ahead(ticket)
        context["estimate"] = selectors.ticket_estimate(ticket, ahead=context["ahead"])
    return context


def _status_version(context: dict) -> str:
    """What the visitor sees, in a few characters: the page asks again only for a change."""
    estimate = context.get("estimate")
    interview = context["interview"]
    return "-".join(
        str(part)
        for part in (
            context["ticket"].status,
            context["ticket"].desk,
            context["ticket"].call_count,
            context.get("ahead", ""),
            estimate and estimate.low,
            estimate and estimate.high,
            interview and interview.updated_at.timestamp(),
        )
    )


def _polling(ticket: Ticket, interview) -> bool:
    # Once the interview is recorded, nothing more will change on the page.
    return ticket.status in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.IN_SERVICE) or (
        ticket.status == TicketStatus.DONE and interview is None
    )


@never_cache
@public_view(methods=("GET",))
def visitor_ticket(request, secret):
    ticket = _ticket(secret)
    context = _visitor_context(ticket)
    context["survey_form"] = SurveyForm()
    context["card_form"] = CardCodeForm()
    context["version"] = _status_version(context)
    context["polling"] = _polling(ticket, context["interview"])
    return render(request, "reception/visitor_ticket.html", context)


@never_cache
@public_view(methods=("GET",))
def visitor_ticket_status(request, secret):
    """The changing part of the ticket page, asked for every few seconds: 204 while it has not changed,
    so that a screen reader announces only news."""
    ticket = _ticket(secret)
    context = _visitor_context(ticket)
    context["version"] = _status_version(context)
    if request.GET.get("v") == context["version"]:
        return HttpResponse(status=204)
    context["polling"] = _polling(ticket, context["interview"])
    return render(request, "reception/includes/visitor_status_update.html", context)


@never_cache
@public_view(methods=("GET",))
def visitor_resource(request, secret, recommended_pk):
    """A library resource the adviser recommended, as the visitor reads it: its text and its links.

    Reached through the ticket's secret and only for a resource its interview recommends and the public may
    read (Interview.visible_resources); anything else is a 404. No staff page is linked from it, and its
    files are not offered here: they are served by the library's own checked views.
    """
    ticket = _ticket(secret)
    interview = (
        Interview.objects.filter(ticket=ticket)
        .prefetch_related("resources__translations", "resources__links", "resources__centre")
        .first()
    )
    resource = next((r for r in interview.visible_resources() if r.pk == recommended_pk), None) if interview else None
    if resource is None:
        raise Http404
    text = resource.current_translation
    # A practice sheet's sections, each under its heading, in the order the library writes them.
    sections = [
        (text._meta.get_field(name).verbose_name, getattr(text, name))
        for name in text.SHEET_FIELDS
        if getattr(text, name)
    ]
    context = {
        "ticket": ticket,
        "resource": resource,
        "text": text,
        "sections": sections,
        "centre": ticket.centre,
        "public_centre": ticket.centre,
    }
    return render(request, "reception/visitor_resource.html", context)


@public_view(methods=("POST",))
def visitor_survey(request, secret):
    ticket = _ticket(secret)
    form = SurveyForm(request.POST)
    if form.is_valid() and run_form(
        form,
        interviews.survey_answer,
        ticket=ticket,
        rating=form.cleaned_data["rating"],
        comment=form.cleaned_data["comment"],
    ):
        messages.success(request, _("Thank you for your answer."))
        return redirect("visitor:ticket", secret=secret)
    context = {**_visitor_context(ticket), "survey_form": form, "card_form": CardCodeForm()}
    return render(request, "reception/visitor_ticket.html", context, status=422)


@public_view(methods=("POST",))
def visitor_card(request, secret):
    """Create a card for this visit, or add this visit to the card the visitor holds."""
    ticket = _ticket(secret)
    if request.POST.get("create"):
        created = run_action(request, cards.card_create, ticket=ticket)
        if not created:
            return redirect("visitor:ticket", secret=secret)
        _card, code = created.result
        return render(
            request,
            "reception/visitor_card_created.html",
            {"ticket": ticket, "code": code, "public_centre": ticket.centre},
        )
    form = CardCodeForm(request.POST)
    if form.is_valid() and run_form(
        form, cards.card_link_visit, ticket=ticket, code=form.cleaned_data["code"], address=_address(request)
    ):
        messages.success(request, _("This visit is now in your visitor card."))
        return redirect("visitor:ticket", secret=secret)
    context = {**_visitor_context(ticket), "survey_form": SurveyForm(), "card_form": form}
    return render(request, "reception/visitor_ticket.html", context, status=422)


@never_cache
@public_view()
def card_history(request):
    """The visitor types their card code and sees their past visits and what was recommended."""
    form = CardCodeForm(request.POST or None)
    visits = None
    if request.method == "POST" and form.is_valid():
        found = run_form(form, cards.card_find, code=form.cleaned_data["code"], address=_address(request))
        if found:
            # The code named the card's Cité: its visits are read in that Cité's scope.
            tenancy.enter_for_request(tenancy.centre_scope(found.result.centre))
            visits = (
                Visit.objects.filter(card=found.result)
                .select_related("centre")
                .prefetch_related(
                    "tickets__area",
                    "tickets__interview__organisations",
                    "tickets__interview__services__structure",
                    "tickets__interview__other_area",
                    "tickets__interview__resources__translations",
                    "tickets__interview__resources__links",
                )
                .order_by("-arrived_at")
            )
    return render(request, "reception/card_history.html", {"form": form, "visits": visits})


# Waiting-room display --------------------------------------------------------------------------


def _settings_by(field: str, key: str) -> ReceptionSettings:
    if len(key) < 22:
        raise Http404
    with tenancy.visitor_secret_lookup():
        settings = get_object_or_404(ReceptionSettings.objects.select_related("centre"), **{field: key})
    # The screen's key named the Cité: the rest of the page reads that Cité's data only.
    tenancy.enter_for_request(tenancy.centre_scope(settings.centre))
    return settings


@public_view(methods=("GET",))
def display(request, key):
    settings = _settings_by("display_key", key)
    centre = settings.centre
    return render(
        request,
        "reception/display.html",
        {
            "centre": centre,
            "settings": settings,
            "calls": selectors.display_calls(centre),
            "version": selectors.display_version(centre),
            "feed_url": reverse("display:feed", kwargs={"key": key}),
        },
    )


@public_view(methods=("GET",))
def display_feed(request, key):
    """The called tickets, with an ETag: an unchanged screen costs one indexed query and a 304."""
    settings = _settings_by("display_key", key)
    version = selectors.display_version(settings.centre)
    etag = f'"{version}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = render(
            request, "reception/includes/display_calls.html", {"calls": selectors.display_calls(settings.centre)}
        )
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


# Kiosk -----------------------------------------------------------------------------------------


@public_view(methods=("GET",))
def kiosk(request, key):
    settings = _settings_by("kiosk_key", key)
    areas = AdviceArea.objects.for_centre(settings.centre).active()
    return render(request, "reception/kiosk.html", {"centre": settings.centre, "areas": areas, "key": key})


def _kiosk_centre(request, key, **kwargs):
    return _settings_by("kiosk_key", key).centre


def _kiosk_stale_replay(request, key, **kwargs):
    # A double tap sees its ticket again; once the ticket page has gone back to the start, a resent form
    # (the next visitor pressing "Back") gets the start page, never the previous visitor's ticket.
    return timedelta(seconds=_settings_by("kiosk_key", key).kiosk_return_seconds), reverse("kiosk:start", args=[key])


@public_view()
@idempotent(centre_of=_kiosk_centre, stale_replay=_kiosk_stale_replay)
def kiosk_area(request, key, area_pk):
    """Optional profile questions, then the ticket."""
    settings = _settings_by("kiosk_key", key)
    centre = settings.centre
    area = get_object_or_404(AdviceArea.objects.for_centre(centre).active(), pk=area_pk)
    form = KioskProfileForm(request.POST or None, centre=centre, initial={"area": area.pk})
    if request.method == "POST" and form.is_valid():
        checked_in = run_form(
            form, ticketing.visit_check_in, centre=centre, areas=[area], profile=form.cleaned_data, actor=None
        )
        if checked_in:
            _visit, tickets = checked_in.result
            return redirect("kiosk:ticket", key=key, secret=tickets[0].secret)
    return render(request, "reception/kiosk_area.html", {"centre": centre, "area": area, "form": form, "key": key})


@never_cache
@public_view(methods=("GET",))
def kiosk_ticket(request, key, secret):
    settings = _settings_by("kiosk_key", key)
    ticket = _ticket(secret)
    if ticket.centre_id != settings.centre_id:
        raise Http404
    timezone.activate(ZoneInfo(settings.centre.time_zone))
    return render(
        request,
        "reception/kiosk_ticket.html",
        {"centre": settings.centre, "ticket": ticket, "key": key, "return_after": settings.kiosk_return_seconds},
    )
