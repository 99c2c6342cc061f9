"""Writes of the library: resources and their translations, versions, files, links, evaluations, adoptions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError
from citemetiers.core.notifications import notify
from citemetiers.library import extraction, search
from citemetiers.library.models import (
    Adoption,
    Evaluation,
    Reply,
    Resource,
    ResourceFacet,
    ResourceFile,
    ResourceLink,
    ResourceTranslation,
    ResourceVersion,
)
from citemetiers.library.perms import can_edit_resource
from citemetiers.library.vocab import FACETS

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre, Membership

RESOURCE_FIELDS = ("kind", "visibility", "licence")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES_PER_RESOURCE = 20


def _snapshot(resource: Resource) -> dict[str, Any]:
    """Everything a reader of an older version needs to see what the resource said then."""
    return {
        "kind": resource.kind,
        "visibility": resource.visibility,
        "licence": resource.licence,
        "facets": {name: resource.facet_values(name) for name in FACETS},
        "occupations": sorted(resource.occupations.values_list("pk", flat=True)),
        "translations": {
            t.language: {name: getattr(t, name) for name in ResourceTranslation.TEXT_FIELDS}
            for t in resource.translations.all()
        },
        "files": [{"pk": f.pk, "name": f.name} for f in resource.files.all()],
        "links": [{"url": link.url, "label": link.label} for link in resource.links.all()],
    }


def _new_version(*, resource: Resource, change_note: str, actor: User, first: bool = False) -> ResourceVersion:
    # Locked: two colleagues saving at once get versions n and n + 1, never two n.
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    if not first:
        Resource.objects.filter(pk=resource.pk).update(version=F("version") + 1)
    resource = Resource.objects.prefetch_related("translations", "facets", "files", "links").get(pk=resource.pk)
    return ResourceVersion.objects.create(
        resource=resource,
        number=resource.version,
        change_note=change_note,
        snapshot=_snapshot(resource),
        created_by=actor,
    )


def _set_facets(resource: Resource, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    changes = {}
    for name in FACETS:
        key = f"{name}s"
        if key not in data:
            continue
        wanted: set[Any] = set(data[key])
        current: set[Any] = set(resource.facets.filter(name=name).values_list("value", flat=True))
        if wanted != current:
            resource.facets.filter(name=name, value__in=current - wanted).delete()
            ResourceFacet.objects.bulk_create(
                ResourceFacet(resource=resource, name=name, value=value) for value in sorted(wanted - current)
            )
            changes[key] = [sorted(current), sorted(wanted)]
    if "occupations" in data:
        wanted = {occupation.pk for occupation in data["occupations"]}
        current = set(resource.occupations.values_list("pk", flat=True))
        if wanted != current:
            resource.occupations.set(wanted)
            changes["occupations"] = [sorted(current), sorted(wanted)]
    return changes


def _translation_values(data: Mapping[str, Any]) -> dict[str, str]:
    return {name: (data.get(name) or "").strip() for name in ResourceTranslation.TEXT_FIELDS}


def resource_create(
    *, centre: Centre, data: Mapping[str, Any], translation: Mapping[str, Any], actor: User
) -> Resource:
    """Publish a resource of `centre` with its first translation; it starts at version 1."""
    values = _translation_values(translation)
    if not values["title"]:
        raise DomainError(_("Give the resource a title."), field="title")
    with transaction.atomic():
        resource = Resource.objects.create(
            centre=centre, created_by=actor, **{name: data[name] for name in RESOURCE_FIELDS if name in data}
        )
        _set_facets(resource, data)
        if actor is not None:
            resource.contributors.add(actor)
        ResourceTranslation.objects.create(resource=resource, language=translation["language"], **values)
        _new_version(resource=resource, change_note=_("First version"), actor=actor, first=True)
        search.resource_index(resource)
        audit_log(actor=actor, action="resource.create", target=resource, centre=centre)
    return resource


def _check_may_edit(resource: Resource, actor: User | None) -> None:
    """The resource's own Cité changes it (library.perms.can_edit_resource), whoever calls the service;
    no actor is the platform itself (the demo, a command), never a person: it is not refused."""
    if actor is None:
        return
    membership_required(
        actor,
        resource.centre_id,
        lambda membership: can_edit_resource(membership, resource),
        _("Only contributors of the Cité that wrote this resource can change it."),
    )


def resource_update(*, resource: Resource, data: Mapping[str, Any], change_note: str, actor: User) -> Resource:
    """Change how a resource is described; a change makes a new version with its note."""
    _check_may_edit(resource, actor)
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        changes = diff_fields(resource, {name: data[name] for name in RESOURCE_FIELDS if name in data})
        for name, (_old, new) in changes.items():
            setattr(resource, name, new)
        resource.save()
        changes |= _set_facets(resource, data)
        if changes:
            search.facet_keys_refresh(resource)
            _contribute(resource, actor)
            _new_version(resource=resource, change_note=change_note, actor=actor)
            audit_log(actor=actor, action="resource.update", target=resource, centre=resource.centre, changes=changes)
    resource.refresh_from_db()
    return resource


def translation_save(
    *, resource: Resource, data: Mapping[str, Any], change_note: str, actor: User
) -> ResourceTranslation:
    """Write or rewrite the text of a resource in one language; a new version keeps the old text readable."""
    _check_may_edit(resource, actor)
    values = _translation_values(data)
    if not values["title"]:
        raise DomainError(_("Give the resource a title."), field="title")
    language = data["language"]
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        existing = ResourceTranslation.objects.filter(resource=resource, language=language).first()
        if existing is None:
            translation = ResourceTranslation.objects.create(resource=resource, language=language, **values)
            changes = {"language": [None, language]}
        else:
            changes = diff_fields(existing, values)
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            translation = existing
        if changes:
            _contribute(resource, actor)
            _new_version(resource=resource, change_note=change_note, actor=actor)
            search.translation_index(translation)
            search.facet_keys_refresh(resource)
            audit_log(
                actor=actor,
                action="resource.translation_save",
                target=resource,
                centre=resource.centre,
                changes={"language": language, "fields": sorted(changes)},
            )
    return translation


def _contribute(resource: Resource, actor: User) -> None:
    if actor is not None:
        resource.contributors.add(actor)
    Resource.objects.filter(pk=resource.pk).update(updated_at=timezone.now())


def resource_file_add(*, resource: Resource, upload: File, language: str, actor: User) -> ResourceFile:
    """Attach a file checked by its content; its text is read for search. An unreadable file is kept and flagged."""
    _check_may_edit(resource, actor)
    kind = extraction.check_upload(upload, name=upload.name or "", max_bytes=MAX_FILE_BYTES)
    if resource.files.count() >= MAX_FILES_PER_RESOURCE:
        raise DomainError(
            _("A resource holds at most %(count)s files.") % {"count": MAX_FILES_PER_RESOURCE}, field="file"
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    result = extraction.extract_text(upload, kind)
    upload.seek(0)
    with transaction.atomic():
        stored = ResourceFile(
            resource=resource,
            name=(upload.name or "")[-255:],
            kind=kind,
            size=upload.size,
            checksum=digest.hexdigest(),
            language=language,
            text=result.text,
            extraction_ok=result.ok,
            extraction_error=result.error[:300],
            uploaded_by=actor,
        )
        stored.file.save(stored.name, upload, save=False)
        stored.save()
        _contribute(resource, actor)
        version = _new_version(
            resource=resource, change_note=_("File added: %(name)s") % {"name": stored.name}, actor=actor
        )
        ResourceFile.objects.filter(pk=stored.pk).update(added_in_version=version.number)
        stored.added_in_version = version.number
        for translation in resource.translations.filter(language=language):
            search.translation_index(translation)
        audit_log(
            actor=actor,
            action="resource.file_add",
            target=resource,
            centre=resource.centre,
            changes={"file": stored.name, "kind": kind, "text_read": result.ok},
        )
    return stored


def resource_link_add(*, resource: Resource, url: str, label: str, actor: User) -> ResourceLink:
    _check_may_edit(resource, actor)
    with transaction.atomic():
        link = ResourceLink.objects.create(resource=resource, url=url, label=label.strip())
        _contribute(resource, actor)
        _new_version(resource=resource, change_note=_("Link added: %(link)s") % {"link": link}, actor=actor)
        audit_log(actor=actor, action="resource.link_add", target=resource, centre=resource.centre)
    return link


# -- Peer evaluation ------------------------------------------------------------------------------


def _notify_author(resource: Resource, message: str, params: dict, url: str) -> None:
    notify(centre=resource.centre, message=message, params=params, url=url)


def _resource_url(resource: Resource) -> str:
    return reverse("library:resource", kwargs={"centre_slug": resource.centre.slug, "resource_pk": resource.pk})


def _refuse_own(resource: Resource, membership: Membership, message: str) -> None:
    if resource.centre_id == membership.centre_id:
        raise DomainError(message)


def evaluation_save(
    *, resource: Resource, membership: Membership, scores: Mapping[str, int], comment: str, actor: User
) -> Evaluation:
    """Rate another Cité's resource on the network's criteria; rating again replaces one's earlier rating.

    The author Cité is told.
    """
    _refuse_own(resource, membership, _("Peers evaluate a resource: your own Cité's resources are rated by others."))
    for criterion in ("usefulness", "clarity", "transferability"):
        if scores.get(criterion) not in {1, 2, 3, 4, 5}:
            raise DomainError(_("Give a score from 1 to 5."), field=criterion)
    with transaction.atomic():
        evaluation, created = Evaluation.objects.update_or_create(
            resource=resource,
            author=actor,
            defaults={"centre": membership.centre, "comment": comment.strip(), **scores},
        )
        audit_log(
            actor=actor,
            action="resource.evaluate",
            target=resource,
            centre=membership.centre,
            changes=dict(scores),
        )
        _notify_author(
            resource,
            gettext_noop("%(centre)s evaluated “%(title)s”.")
            if created
            else gettext_noop("%(centre)s changed its evaluation of “%(title)s”."),
            {"centre": membership.centre.name, "title": resource},
            _resource_url(resource),
        )
    return evaluation


def reply_add(*, evaluation: Evaluation, membership: Membership, text: str, actor: User) -> Reply:
    text = text.strip()
    if not text:
        raise DomainError(_("Write a reply."), field="text")
    with transaction.atomic():
        reply = Reply.objects.create(evaluation=evaluation, centre=membership.centre, author=actor, text=text)
        audit_log(actor=actor, action="resource.reply", target=evaluation.resource, centre=membership.centre)
        if evaluation.resource.centre_id != membership.centre_id:
            _notify_author(
                evaluation.resource,
                gettext_noop("%(centre)s replied about “%(title)s”."),
                {"centre": membership.centre.name, "title": evaluation.resource},
                _resource_url(evaluation.resource),
            )
    return reply


def adoption_record(
    *, resource: Resource, membership: Membership, account: str, adopted_on: date, actor: User
) -> Adoption:
    """Say that one's Cité took up another Cité's resource, and how it went; the author Cité is told."""
    _refuse_own(resource, membership, _("Your Cité wrote this resource: others say when they adopt it."))
    account = account.strip()
    if not account:
        raise DomainError(_("Say in a few words how it went."), field="account")
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(
                resource=resource, centre=membership.centre, author=actor, account=account, adopted_on=adopted_on
            )
            audit_log(actor=actor, action="resource.adopt", target=resource, centre=membership.centre)
            _notify_author(
                resource,
                gettext_noop("%(centre)s adopted “%(title)s”."),
                {"centre": membership.centre.name, "title": resource},
                _resource_url(resource),
            )
    except IntegrityError as error:
        raise DomainError(_("Your Cité has already said it adopted this resource.")) from error
    return adoption


def resources_reindex(resources: Iterable[Resource]) -> int:
    count = 0
    for resource in resources:
        search.resource_index(resource)
        count += 1
    return count
