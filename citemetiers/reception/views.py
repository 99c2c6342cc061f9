from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from citemetiers.centres.perms import can_manage_advice_areas
from citemetiers.core.access import centre_view
from citemetiers.core.forms import render_form_page, save_form
from citemetiers.reception import services
from citemetiers.reception.forms import AdviceAreaForm
from citemetiers.reception.models import AdviceArea


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
