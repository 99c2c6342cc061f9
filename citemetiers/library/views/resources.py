"""Reading a resource: its page (in a Cité, and as network staff), its versions, its files, practice sheets
compared side by side."""

from django.db.models import Avg, Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view, network_view
from citemetiers.core.files import stored_file_response
from citemetiers.core.forms import is_id
from citemetiers.library import extraction
from citemetiers.library.forms import FileForm, LinkForm, ReplyForm
from citemetiers.library.models import Evaluation, Resource, ResourceFile, ResourceTranslation
from citemetiers.library.perms import can_contribute_to_library
from citemetiers.library.views.common import LANGUAGE_NAMES, _visible
from citemetiers.library.vocab import FACETS, Kind
from citemetiers.network.perms import is_network_staff

# Shown in the browser; office documents are downloaded.
INLINE_KINDS = {"pdf", "png", "jpeg", "gif", "webp"}


def _scores(resource):
    return resource.evaluations.aggregate(
        usefulness=Avg("usefulness"), clarity=Avg("clarity"), transferability=Avg("transferability"), count=Count("pk")
    )


@centre_view(is_member, methods=("GET",))
def resource_detail(request, resource_pk):
    return resource_page(request, resource_pk)


def resource_page(request, resource_pk, *, link_form=None, status=200):
    """A resource as a member of a Cité reads it; a form sent with a mistake comes back filled in."""
    centre = request.centre
    resource = _detailed(_visible(request), resource_pk)
    own = resource.centre_id == centre.pk
    contribute = can_contribute_to_library(request.membership)
    translation = resource.translation_in(request.GET.get("language") or request.LANGUAGE_CODE)
    context = _detail_context(request, resource, translation) | {
        "back_url": reverse("library:search", kwargs={"centre_slug": centre.slug}),
        "own": own,
        "can_edit": own and contribute,
        "can_evaluate": not own and contribute,
        "adopted": any(a.centre_id == centre.pk for a in resource.adoptions.all()),
        "reply_form": ReplyForm() if contribute else None,
        "file_form": FileForm(initial={"language": translation.language if translation else ""})
        if own and contribute
        else None,
        "link_form": (link_form or LinkForm()) if own and contribute else None,
    }
    return render(request, "library/resource_detail.html", context, status=status)


@network_view(is_network_staff, methods=("GET",))
def network_resource(request, resource_pk):
    """A shared resource as network staff read it: no writing, no evaluating, no Cité-private ones."""
    resource = _detailed(Resource.objects.visible_to(None), resource_pk)
    translation = resource.translation_in(request.GET.get("language") or request.LANGUAGE_CODE)
    context = _detail_context(request, resource, translation) | {"back_url": reverse("network_library:search")}
    return render(request, "library/resource_detail.html", context)


@network_view(is_network_staff, methods=("GET",))
def network_file(request, resource_pk, file_pk):
    resource = get_object_or_404(Resource.objects.visible_to(None), pk=resource_pk)
    return _file_response(get_object_or_404(resource.files, pk=file_pk))


def _detailed(queryset, resource_pk):
    return get_object_or_404(
        queryset.select_related("centre").prefetch_related(
            "translations",
            "facets",
            "links",
            "contributors",
            "occupations__labels",
            Prefetch("files", queryset=ResourceFile.objects.order_by("pk")),
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.select_related("centre").prefetch_related("replies__centre"),
            ),
            "adoptions__centre",
        ),
        pk=resource_pk,
    )


def _detail_context(request, resource, translation) -> dict:
    return {
        "resource": resource,
        "translation": translation,
        "sheet": [
            (translation._meta.get_field(name).verbose_name, getattr(translation, name))
            for name in translation.SHEET_FIELDS
        ]
        if translation
        else [],
        "other_languages": [
            (code, LANGUAGE_NAMES.get(code, code))
            for code in resource.languages
            if translation is None or code != translation.language
        ],
        "facets": {
            name: [dict(choices.choices).get(v, v) for v in resource.facet_values(name)]
            for name, choices in FACETS.items()
        },
        "occupations": [o.label_in(request.LANGUAGE_CODE) for o in resource.occupations.all()],
        "scores": _scores(resource),
    }


@centre_view(is_member, methods=("GET",))
def resource_versions(request, resource_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    versions = resource.versions.select_related("created_by")
    return render(request, "library/versions.html", {"resource": resource, "versions": versions})


@centre_view(is_member, methods=("GET",))
def resource_version(request, resource_pk, number):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    version = get_object_or_404(resource.versions, number=number)
    snapshot = version.snapshot
    translations = [
        {"language": LANGUAGE_NAMES.get(language, language), **fields}
        for language, fields in snapshot.get("translations", {}).items()
    ]
    return render(
        request,
        "library/version.html",
        {"resource": resource, "version": version, "translations": translations, "snapshot": snapshot},
    )


@centre_view(is_member, methods=("GET",))
def file_download(request, resource_pk, file_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    return _file_response(get_object_or_404(resource.files, pk=file_pk))


def _file_response(stored) -> HttpResponse:
    disposition = "inline" if stored.kind in INLINE_KINDS else "attachment"
    return stored_file_response(
        stored.file,
        filename=stored.name,
        content_type=extraction.KINDS.get(stored.kind, "application/octet-stream"),
        attachment=disposition == "attachment",
    )


@centre_view(is_member, methods=("GET",))
def practice_compare(request):
    """Practice sheets side by side, section by section, in the reader's language when written in it."""
    ids = [int(pk) for pk in request.GET.getlist("r") if is_id(pk)][:4]
    resources = list(
        _visible(request)
        .filter(pk__in=ids, kind=Kind.PRACTICE_SHEET)
        .select_related("centre")
        .prefetch_related("translations")
    )
    resources.sort(key=lambda r: ids.index(r.pk))
    columns = [(r, r.translation_in(request.LANGUAGE_CODE)) for r in resources]
    rows = [
        (ResourceTranslation._meta.get_field(name).verbose_name, [getattr(t, name) if t else "" for _r, t in columns])
        for name in ("summary", *ResourceTranslation.SHEET_FIELDS)
    ]
    choices = (
        _visible(request)
        .filter(kind=Kind.PRACTICE_SHEET)
        .select_related("centre")
        .prefetch_related("translations")[:200]
    )
    return render(
        request, "library/compare.html", {"columns": columns, "rows": rows, "choices": choices, "chosen": set(ids)}
    )
