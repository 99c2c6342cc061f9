"""Writing a resource: publishing it, editing it, its texts in other languages, its files and links."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from citemetiers.core.access import centre_view
from citemetiers.core.forms import run_form
from citemetiers.library import services
from citemetiers.library.forms import ChangeNoteForm, FileForm, LinkForm, ResourceForm, TranslationForm
from citemetiers.library.models import ResourceTranslation
from citemetiers.library.perms import can_contribute_to_library
from citemetiers.library.views.common import _back_to, _own
from citemetiers.library.views.resources import resource_page
from citemetiers.referentials.forms import occupation_picker_context


def _resource_data(form):
    return {
        name: form.cleaned_data[name]
        for name in ("kind", "visibility", "licence", "themes", "audiences", "areas", "occupations")
    }


@centre_view(can_contribute_to_library)
def resource_add(request):
    form = ResourceForm(request.POST or None, prefix="resource")
    text_form = TranslationForm(request.POST or None, prefix="text", initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid() and text_form.is_valid():
        created = run_form(
            text_form,
            services.resource_create,
            centre=request.centre,
            data=_resource_data(form),
            translation=text_form.cleaned_data,
            actor=request.user,
        )
        if created:
            messages.success(request, _("The resource has been published."))
            return _back_to(created.result, request)
    return render(
        request,
        "library/resource_form.html",
        {
            "form": form,
            "text_form": text_form,
            "resource": None,
            **occupation_picker_context(request, form["occupations"]),
        },
        status=422 if request.method == "POST" else 200,
    )


@centre_view(can_contribute_to_library)
def resource_edit(request, resource_pk):
    resource = get_object_or_404(_own(request).prefetch_related("facets", "occupations"), pk=resource_pk)
    form = ResourceForm(request.POST or None, prefix="resource", initial=ResourceForm.initial_for(resource))
    note_form = ChangeNoteForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and note_form.is_valid()
        and run_form(
            form,
            services.resource_update,
            resource=resource,
            data=_resource_data(form),
            change_note=note_form.cleaned_data["change_note"],
            actor=request.user,
        )
    ):
        messages.success(request, _("The resource has been saved."))
        return _back_to(resource, request)
    return render(
        request,
        "library/resource_form.html",
        {
            "form": form,
            "note_form": note_form,
            "resource": resource,
            **occupation_picker_context(request, form["occupations"]),
        },
        status=422 if request.method == "POST" else 200,
    )


@centre_view(can_contribute_to_library)
def translation_edit(request, resource_pk):
    """Write the resource in another language, or rewrite one of its translations (?language=xx)."""
    resource = get_object_or_404(_own(request), pk=resource_pk)
    language = request.GET.get("language", "")
    existing = resource.translations.filter(language=language).first() if language else None
    form = TranslationForm(
        request.POST or None,
        instance=existing,
        prefix="text",
        fixed_language=existing.language if existing else None,
    )
    note_form = ChangeNoteForm(request.POST or None)
    if request.method == "POST":
        # A new translation's language must not be one the resource is already written in.
        form.instance = existing or ResourceTranslation(resource=resource)
        if form.is_valid() and note_form.is_valid():
            data = dict(form.cleaned_data, language=existing.language if existing else form.cleaned_data["language"])
            if existing is None and resource.translations.filter(language=data["language"]).exists():
                form.add_error(
                    "language", _("The resource is already written in this language: edit that translation.")
                )
            elif run_form(
                form,
                services.translation_save,
                resource=resource,
                data=data,
                change_note=note_form.cleaned_data["change_note"],
                actor=request.user,
            ):
                messages.success(request, _("The text has been saved."))
                return _back_to(resource, request)
    return render(
        request,
        "library/translation_form.html",
        {"text_form": form, "note_form": note_form, "resource": resource, "existing": existing},
        status=422 if request.method == "POST" else 200,
    )


@centre_view(can_contribute_to_library, methods=("POST",))
def file_add(request, resource_pk):
    resource = get_object_or_404(_own(request), pk=resource_pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        added = run_form(
            form,
            services.resource_file_add,
            resource=resource,
            upload=form.cleaned_data["file"],
            language=form.cleaned_data["language"],
            actor=request.user,
        )
        if added:
            if added.result.extraction_ok:
                messages.success(request, _("The file has been added."))
            else:
                messages.warning(
                    request,
                    _("The file has been added, but its text could not be read: search will not find what it says."),
                )
            return _back_to(resource, request)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return _back_to(resource, request)


@centre_view(can_contribute_to_library, methods=("POST",))
def link_add(request, resource_pk):
    resource = get_object_or_404(_own(request), pk=resource_pk)
    form = LinkForm(request.POST)
    if not form.is_valid():
        return resource_page(request, resource.pk, link_form=form, status=422)
    services.resource_link_add(resource=resource, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The link has been added."))
    return _back_to(resource, request)
