"""Pages of the network library, in a Cité: search, a resource, its versions, writing, evaluating, adopting."""

from django.contrib import messages
from django.db.models import Avg, Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.centres.models import Centre
from citemetiers.centres.perms import is_member
from citemetiers.core.access import centre_view, network_view
from citemetiers.core.errors import DomainError
from citemetiers.core.files import stored_file_response
from citemetiers.core.forms import add_domain_error, is_id
from citemetiers.library import extraction, search, services
from citemetiers.library.forms import (
    AdoptionForm,
    ChangeNoteForm,
    EvaluationForm,
    FileForm,
    LinkForm,
    ReplyForm,
    ResourceForm,
    SearchForm,
    TranslationForm,
)
from citemetiers.library.models import Evaluation, Resource, ResourceFile, ResourceTranslation
from citemetiers.library.perms import can_contribute_to_library
from citemetiers.library.vocab import FACETS, LANGUAGES, Kind, Visibility
from citemetiers.network.perms import is_network_staff
from citemetiers.referentials.models import Occupation
from citemetiers.referentials.views import occupation_picker_context

PER_PAGE = 20
# Shown in the browser; office documents are downloaded.
INLINE_KINDS = {"pdf", "png", "jpeg", "gif", "webp"}
LANGUAGE_NAMES = dict(LANGUAGES)


def _visible(request):
    return Resource.objects.visible_to(request.centre)


def _own(request):
    return Resource.objects.for_centre(request.centre)


def _back_to(resource, request):
    return redirect("library:resource", centre_slug=request.centre.slug, resource_pk=resource.pk)


# -- Search ---------------------------------------------------------------------------------------


def _facet_labels(facets: dict, *, chosen_occupations, language: str) -> dict[str, dict[str, str]]:
    """What each facet value is called for the reader: vocabulary labels, Cités' and occupations' names."""
    labels = {name: dict(choices.choices) for name, choices in FACETS.items()}
    labels["kind"] = dict(Kind.choices)
    labels["language"] = {code: str(name) for code, name in LANGUAGES}
    centre_ids = [int(value) for value, _count in facets.get("centre", [])]
    labels["centre"] = {str(c.pk): c.name for c in Centre.objects.filter(pk__in=centre_ids)}
    occupation_ids = [int(value) for value, _count in facets.get("occupation", [])[:15]]
    occupations = Occupation.objects.filter(pk__in=[*occupation_ids, *chosen_occupations]).prefetch_related("labels")
    labels["occupation"] = {str(o.pk): o.label_in(language) for o in occupations}
    return labels


@centre_view(is_member, methods=("GET",))
def library_search(request):
    centre = request.centre
    context = _search_context(
        request,
        centre=centre,
        search_url=reverse("library:search", kwargs={"centre_slug": centre.slug}),
        resource_url=lambda pk: reverse("library:resource", kwargs={"centre_slug": centre.slug, "resource_pk": pk}),
    )
    context["can_contribute"] = can_contribute_to_library(request.membership)
    template = "library/includes/results.html" if request.htmx else "library/search.html"
    return render(request, template, context)


@network_view(is_network_staff, methods=("GET",))
def network_search(request):
    """Network staff search the resources the Cités share with the whole network."""
    context = _search_context(
        request,
        centre=None,
        search_url=reverse("network_library:search"),
        resource_url=lambda pk: reverse("network_library:resource", kwargs={"resource_pk": pk}),
    )
    template = "library/includes/results.html" if request.htmx else "library/search.html"
    return render(request, template, context)


def _search_context(request, *, centre, search_url: str, resource_url) -> dict:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = search.SearchQuery(
        text=data.get("q", ""),
        kinds=tuple(data.get("kind", ())),
        languages=tuple(data.get("language", ())),
        themes=tuple(data.get("theme", ())),
        audiences=tuple(data.get("audience", ())),
        areas=tuple(data.get("area", ())),
        occupations=tuple(data.get("occupation", ())),
        centres=tuple(data.get("centre", ())),
    )
    page = data.get("page") or 1
    results = search.search(query, centre=centre, language=request.LANGUAGE_CODE, page=page, per_page=PER_PAGE)
    labels = _facet_labels(results.facets, chosen_occupations=query.occupations, language=request.LANGUAGE_CODE)
    chosen = {
        "kind": set(query.kinds),
        "language": set(query.languages),
        "theme": set(query.themes),
        "audience": set(query.audiences),
        "area": set(query.areas),
        "occupation": {str(pk) for pk in query.occupations},
        "centre": {str(pk) for pk in query.centres},
    }
    facet_groups = []
    titles = {
        "kind": _("Type"),
        "language": _("Language"),
        "theme": _("Theme"),
        "audience": _("Audience"),
        "area": _("Advice area"),
        "occupation": _("Occupation"),
        "centre": _("Author Cité"),
    }
    for name in search.FACET_NAMES:
        values = results.facets.get(name, [])
        if name == "occupation":
            values = values[:15]
        options = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": count,
                "checked": value in chosen[name],
            }
            for value, count in values
        ]
        if options:
            facet_groups.append({"name": name, "title": titles[name], "options": options})
    for hit in results.hits:
        hit.language_name = LANGUAGE_NAMES.get(hit.language, hit.language)
        hit.url = resource_url(hit.resource.pk)
    params = request.GET.copy()
    params.pop("page", None)
    pages = (results.total + PER_PAGE - 1) // PER_PAGE
    context = {
        "form": form,
        "query": query,
        "results": results,
        "facet_groups": facet_groups,
        "page": page,
        "pages": pages,
        "base_query": params.urlencode(),
        "language_names": LANGUAGE_NAMES,
        "search_url": search_url,
        "can_contribute": False,
    }
    return context


def resource_picker_context(request, field) -> dict:
    """What library/includes/resource_picker.html needs for a form's resources field."""
    chosen_ids = [pk for pk in (field.value() or []) if is_id(getattr(pk, "pk", pk))]
    chosen = (
        _visible(request).filter(pk__in=[getattr(pk, "pk", pk) for pk in chosen_ids]).prefetch_related("translations")
    )
    return {
        "chosen_resources": [(r.pk, str(r)) for r in chosen],
        "resource_autocomplete_url": reverse("library:autocomplete", kwargs={"centre_slug": request.centre.slug}),
    }


@centre_view(is_member, methods=("GET",))
def resource_autocomplete(request):
    """The options of the resource combobox: the best library matches of what the adviser types, among the
    resources a visitor may open (shared with the network), since the combobox picks recommendations."""
    query = request.GET.get("q", "").strip()[:100]
    too_short = len(query) < 2
    hits = []
    if not too_short:
        hits = search.search(
            search.SearchQuery(text=query), centre=request.centre, language=request.LANGUAGE_CODE, per_page=10
        ).hits
        hits = [hit for hit in hits if hit.resource.visibility == Visibility.NETWORK]
    return render(request, "library/includes/resource_options.html", {"hits": hits, "too_short": too_short})


# -- A resource -----------------------------------------------------------------------------------


def _scores(resource):
    return resource.evaluations.aggregate(
        usefulness=Avg("usefulness"), clarity=Avg("clarity"), transferability=Avg("transferability"), count=Count("pk")
    )


@centre_view(is_member, methods=("GET",))
def resource_detail(request, resource_pk):
    return _resource_page(request, resource_pk)


def _resource_page(request, resource_pk, *, link_form=None, status=200):
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


# -- Writing --------------------------------------------------------------------------------------


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
        try:
            resource = services.resource_create(
                centre=request.centre, data=_resource_data(form), translation=text_form.cleaned_data, actor=request.user
            )
        except DomainError as error:
            add_domain_error(text_form, error)
        else:
            messages.success(request, _("The resource has been published."))
            return _back_to(resource, request)
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
    if request.method == "POST" and form.is_valid() and note_form.is_valid():
        try:
            services.resource_update(
                resource=resource,
                data=_resource_data(form),
                change_note=note_form.cleaned_data["change_note"],
                actor=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
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
            else:
                try:
                    services.translation_save(
                        resource=resource,
                        data=data,
                        change_note=note_form.cleaned_data["change_note"],
                        actor=request.user,
                    )
                except DomainError as error:
                    add_domain_error(form, error)
                else:
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
        try:
            stored = services.resource_file_add(
                resource=resource,
                upload=form.cleaned_data["file"],
                language=form.cleaned_data["language"],
                actor=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if stored.extraction_ok:
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
        return _resource_page(request, resource.pk, link_form=form, status=422)
    services.resource_link_add(resource=resource, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The link has been added."))
    return _back_to(resource, request)


# -- Peers ----------------------------------------------------------------------------------------


@centre_view(can_contribute_to_library)
def evaluate(request, resource_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    earlier = resource.evaluations.filter(author=request.user).first()
    initial = (
        {name: getattr(earlier, name) for name in ("usefulness", "clarity", "transferability", "comment")}
        if earlier
        else {}
    )
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.evaluation_save(
                resource=resource,
                membership=request.membership,
                scores={name: data[name] for name in ("usefulness", "clarity", "transferability")},
                comment=data["comment"],
                actor=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: your evaluation has been recorded."))
            return _back_to(resource, request)
    return render(
        request,
        "library/evaluate.html",
        {"form": form, "resource": resource, "own": resource.centre_id == request.centre.pk},
        status=422 if request.method == "POST" else 200,
    )


@centre_view(can_contribute_to_library, methods=("POST",))
def reply(request, resource_pk, evaluation_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    evaluation = get_object_or_404(resource.evaluations, pk=evaluation_pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_add(
                evaluation=evaluation, membership=request.membership, text=form.cleaned_data["text"], actor=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your reply has been posted."))
    else:
        messages.error(request, _("Write a reply."))
    return _back_to(resource, request)


@centre_view(can_contribute_to_library)
def adopt(request, resource_pk):
    resource = get_object_or_404(_visible(request), pk=resource_pk)
    form = AdoptionForm(request.POST or None, initial={"adopted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_record(
                resource=resource, membership=request.membership, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: the author Cité has been told."))
            return _back_to(resource, request)
    return render(
        request,
        "library/adopt.html",
        {"form": form, "resource": resource, "own": resource.centre_id == request.centre.pk},
        status=422 if request.method == "POST" else 200,
    )
