from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view
from citemetiers.core.errors import DomainError
from citemetiers.core.forms import render_form_page, save_form
from citemetiers.reception import cards, interviews, services
from citemetiers.reception.forms import AdviceAreaForm, ReceptionSettingsForm, ThemeForm
from citemetiers.reception.models import AdviceArea, ReceptionSettings, Theme
from citemetiers.reception.perms import can_manage_advice_areas, can_manage_screens, can_manage_themes


def _areas_context(request):
    return {"areas": AdviceArea.objects.for_centre(request.centre)}


@centre_view(can_manage_advice_areas, methods=("GET",))
def area_list(request):
    return render(request, "reception/area_list.html", _areas_context(request))


@centre_view(can_manage_advice_areas)
def area_form(request, area_pk=None):
    area = get_object_or_404(AdviceArea.objects.for_centre(request.centre), pk=area_pk) if area_pk else None
    form = AdviceAreaForm(request.POST or None, instance=AdviceArea.objects.get(pk=area.pk) if area else None)
    if request.method == "POST":

        def write(data):
            if area is None:
                return services.advice_area_create(centre=request.centre, data=data, actor=request.user)
            return services.advice_area_update(area=area, data=data, actor=request.user)

        response = save_form(request, form, write, _("The advice area has been saved."), "reception:areas")
        if response:
            return response
    return render_form_page(request, form, area, _("Add an advice area"), "reception:areas")


@centre_view(can_manage_advice_areas, methods=("POST",))
def area_move(request, area_pk):
    area = get_object_or_404(AdviceArea.objects.for_centre(request.centre), pk=area_pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.advice_area_move(area=area, offset=offset, actor=request.user)
    if request.htmx:
        area.refresh_from_db()
        return render(request, "reception/includes/area_table.html", {**_areas_context(request), "moved": area})
    return redirect("reception:areas", centre_slug=request.centre.slug)


# Interview themes ------------------------------------------------------------------------------


@centre_view(can_manage_themes, methods=("GET",))
def theme_list(request):
    themes = Theme.objects.for_centre(request.centre)
    return render(request, "reception/theme_list.html", {"themes": themes})


@centre_view(can_manage_themes)
def theme_form(request, theme_pk=None):
    theme = get_object_or_404(Theme.objects.for_centre(request.centre), pk=theme_pk) if theme_pk else None
    form = ThemeForm(request.POST or None, instance=Theme.objects.get(pk=theme.pk) if theme else None)
    if request.method == "POST":

        def write(data):
            if theme is None:
                return interviews.theme_create(centre=request.centre, data=data, actor=request.user)
            return interviews.theme_update(theme=theme, data=data, actor=request.user)

        response = save_form(request, form, write, _("The theme has been saved."), "reception:themes")
        if response:
            return response
    return render_form_page(request, form, theme, _("Add a theme"), "reception:themes")


# Screens and retention ---------------------------------------------------------------------------


@centre_view(can_manage_screens)
def screens(request):
    settings = cards.reception_settings_for(request.centre)
    form = ReceptionSettingsForm(request.POST or None, instance=ReceptionSettings.objects.get(pk=settings.pk))
    if request.method == "POST":
        screen = request.POST.get("regenerate")
        if screen:
            try:
                cards.screen_key_regenerate(centre=request.centre, screen=screen, actor=request.user)
            except DomainError as error:  # only a forged request names another screen
                raise BadRequest(error.message) from error
            messages.success(request, _("A new address has been made; the old one no longer works."))
            return redirect("reception:screens", centre_slug=request.centre.slug)

        def write(data):
            return cards.reception_settings_update(centre=request.centre, actor=request.user, **data)

        response = save_form(request, form, write, _("The reception settings have been saved."), "reception:screens")
        if response:
            return response
    return render(
        request,
        "reception/screens.html",
        {
            "form": form,
            "display_url": request.build_absolute_uri(reverse("display:screen", kwargs={"key": settings.display_key})),
            "kiosk_url": request.build_absolute_uri(reverse("kiosk:start", kwargs={"key": settings.kiosk_key})),
        },
    )
