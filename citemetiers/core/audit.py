"""The one helper every write service calls to log what it changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.translation import get_language, gettext, to_locale
from django.utils.translation import gettext_lazy as _

from citemetiers.core.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_log(*, actor, action: str, target: models.Model, centre=None, changes: dict | None = None) -> AuditEntry:
    """Record that `actor` did `action` on `target`, inside the caller's transaction."""
    return AuditEntry.objects.create(
        centre=centre,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk or ""),
        target_repr=str(target)[:200],
        changes=_jsonable(changes or {}),
    )


def diff_fields(instance: models.Model, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Return {field: [old, new]} for the values of `data` that differ from `instance`."""
    changed = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changed[field] = [_jsonable(old), _jsonable(new)]
    return changed


# -- Reading the log: each entry told as a sentence in the reader's language ---------------------

# What each action says, with the person and the object's name. An action missing here is told by
# the generic sentence, so that a new service's entries still read as sentences.
SENTENCES = {
    "advice_area.create": _("%(actor)s added the advice area %(object)s"),
    "advice_area.update": _("%(actor)s changed the advice area %(object)s"),
    "advice_area.move": _("%(actor)s moved the advice area %(object)s"),
    "advice_area.reactivate": _("%(actor)s reopened the advice area %(object)s"),
    "advice_area.deactivate": _("%(actor)s closed the advice area %(object)s"),
    "centre.create": _("%(actor)s created the Cité %(object)s"),
    "centre.update": _("%(actor)s changed the Cité's profile"),
    "organisation.create": _("%(actor)s added the partner %(object)s"),
    "organisation.update": _("%(actor)s changed the partner %(object)s"),
    "partnership.create": _("%(actor)s recorded the agreement %(object)s"),
    "partnership.update": _("%(actor)s changed the agreement %(object)s"),
    "user.create": _("%(actor)s created the account of %(object)s"),
    "membership.create": _("%(actor)s added %(object)s to the team"),
    "membership.update": _("%(actor)s changed the membership of %(object)s"),
    "membership.reactivate": _("%(actor)s gave %(object)s access again"),
    "membership.deactivate": _("%(actor)s removed the access of %(object)s"),
    "theme.create": _("%(actor)s added the theme %(object)s"),
    "theme.update": _("%(actor)s changed the theme %(object)s"),
    "interview.create": _("%(actor)s recorded an interview"),
    "interview.update": _("%(actor)s changed an interview"),
    "interview.notes_erased": _("Interview notes were erased at the end of their retention"),
    "reception.settings_update": _("%(actor)s changed the reception settings"),
    "reception.display_key_regenerated": _("%(actor)s gave the waiting-room display a new address"),
    "reception.kiosk_key_regenerated": _("%(actor)s gave the kiosk a new address"),
    "indicators.import": _("%(actor)s imported historical figures"),
    "indicators.report_request": _("%(actor)s asked for the activity report %(object)s"),
    "occupations.load": _("%(actor)s loaded the occupations"),
    "resource.create": _("%(actor)s added the resource %(object)s to the library"),
    "resource.update": _("%(actor)s changed the resource %(object)s"),
    "resource.translation_save": _("%(actor)s saved a text of the resource %(object)s"),
    "resource.file_add": _("%(actor)s added a file to the resource %(object)s"),
    "resource.link_add": _("%(actor)s added a link to the resource %(object)s"),
    "resource.evaluate": _("%(actor)s evaluated the resource %(object)s"),
    "resource.reply": _("%(actor)s replied to an evaluation of the resource %(object)s"),
    "resource.adopt": _("%(actor)s adopted the resource %(object)s"),
    "desk.create": _("%(actor)s added the desk %(object)s"),
    "desk.update": _("%(actor)s changed the desk %(object)s"),
    "roster.absence_add": _("%(actor)s recorded an absence of %(object)s"),
    "roster.availability_set": _("%(actor)s changed the availability of %(object)s"),
    "roster.availability_one_off": _("%(actor)s added a one-off half-day for %(object)s"),
    "roster.coverage_set": _("%(actor)s changed the advice areas %(object)s can hold"),
    "roster.feed_regenerate": _("%(actor)s gave the roster feed of %(object)s a new address"),
    "roster.proposal_request": _("%(actor)s asked the planner for a roster"),
    "roster.publish": _("%(actor)s published a roster"),
    "shift.create": _("%(actor)s added the shift %(object)s"),
    "shift.delete": _("%(actor)s removed the shift %(object)s"),
    "shift.lock": _("%(actor)s locked the shift %(object)s"),
    "shift.unlock": _("%(actor)s unlocked the shift %(object)s"),
}
GENERIC_SENTENCE = _("%(actor)s changed %(object)s")
# Keys of `changes` that name no field of the object.
CHANGE_LABELS = {
    "rows": _("rows"),
    "added": _("shifts added"),
    "removed": _("shifts removed"),
    "interviews": _("interviews"),
    "older_than_months": _("older than (months)"),
    "position": _("position"),
    "from": _("from"),
    "half_days": _("half-days"),
    "day": _("day"),
    "slot": _("half-day"),
    "areas": _("advice areas"),
    "organisation": _("employer organisation"),
}
# The page of each kind of object, when it has one: (URL name, keyword of its id, or None for a
# page of the Cité itself). URL names rather than imports: core sits below the apps.
OBJECT_PAGES = {
    "centres.centre": ("centres:profile", None),
    "centres.organisation": ("centres:organisation_edit", "organisation_pk"),
    "centres.partnership": ("centres:partnership_edit", "partnership_pk"),
    "centres.membership": ("centres:member_edit", "membership_pk"),
    "reception.advicearea": ("reception:area_edit", "area_pk"),
    "reception.theme": ("reception:theme_edit", "theme_pk"),
    "reception.receptionsettings": ("reception:screens", None),
    "library.resource": ("library:resource", "resource_pk"),
    "rosters.desk": ("rosters:desk_edit", "desk_pk"),
    "rosters.proposal": ("rosters:proposal", "proposal_pk"),
}


@dataclass
class AuditLine:
    """One entry as a coordinator reads it."""

    entry: AuditEntry
    sentence: str
    changes: list[tuple[str, str, str | None]]  # (label, value or old value, new value or None)
    url: str | None = None
    name: str = ""


def _model(entry):
    try:
        return apps.get_model(entry.target_type)
    except (LookupError, ValueError):
        return None


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return None


def _label(model, name) -> str:
    field = _field(model, name)
    if field is not None and hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(CHANGE_LABELS.get(name, name.replace("_", " ")))


def _show(value, choices: dict) -> str:
    """A stored value as a person reads it: choices by their label, lists joined as words, yes or no."""
    if isinstance(value, list):
        return format_list([_show(item, choices) for item in value], locale=to_locale(get_language() or "en"))
    if value is None or value in ("", {}):
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_show(item, choices)}" for key, item in value.items())
    return str(choices.get(str(value), value))


def _choices(model, name) -> dict:
    field = _field(model, name)
    pairs = list(getattr(field, "flatchoices", None) or [])
    pairs += list(getattr(model, "audit_choices", {}).get(name, []))
    return {str(value): label for value, label in pairs}


def _changes(entry, model) -> list[tuple[str, str, str | None]]:
    # Updates store [old, new]; other actions store the values they set.
    pairs = not entry.action.endswith(".create")
    rows = []
    for name, value in (entry.changes or {}).items():
        choices = _choices(model, name)
        if pairs and isinstance(value, list) and len(value) == 2:
            rows.append((_label(model, name), _show(value[0], choices), _show(value[1], choices)))
        else:
            rows.append((_label(model, name), _show(value, choices), None))
    return rows


def _name(entry, centre) -> str:
    # A membership is named "person @ Cité": the Cité is the reader's own.
    return entry.target_repr.removesuffix(f" @ {centre}")


def _sentence(entry, name, changes) -> str:
    actor = (entry.actor.get_full_name() or entry.actor.email) if entry.actor else gettext("The platform")
    template = SENTENCES.get(entry.action, GENERIC_SENTENCE)
    sentence = template % {"actor": actor, "object": gettext("“%(name)s”") % {"name": name} if name else ""}
    if changes and entry.action.endswith(".update"):
        fields = format_list([label for label, _old, _new in changes], locale=to_locale(get_language() or "en"))
        sentence = gettext("%(sentence)s: %(fields)s") % {"sentence": sentence, "fields": fields}
    return sentence.strip() + "."


def _existing(entries) -> set[tuple[str, str]]:
    """The (type, id) of the objects that still exist, one query per kind of object."""
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        if entry.target_type in OBJECT_PAGES and entry.target_id:
            wanted.setdefault(entry.target_type, set()).add(entry.target_id)
    found = set()
    for target_type, ids in wanted.items():
        model = apps.get_model(target_type)
        pks = model._default_manager.filter(pk__in=[pk for pk in ids if pk.isdecimal() and pk.isascii()])
        found |= {(target_type, str(pk)) for pk in pks.values_list("pk", flat=True)}
    return found


def _url(entry, membership, existing) -> str | None:
    page = OBJECT_PAGES.get(entry.target_type)
    if page is None or (entry.target_type, entry.target_id) not in existing or entry.centre_id is None:
        return None
    name, kwarg = page
    kwargs = {"centre_slug": membership.centre.slug, **({kwarg: entry.target_id} if kwarg else {})}
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None
    access = getattr(resolve(url).func, "access", None)
    # A link only where the reader may go: a coordinator without the logistics role sees no desk page.
    return url if access is not None and access.predicate(membership) else None


def audit_lines(entries, *, membership) -> list[AuditLine]:
    """The entries of a page of the log, told for `membership`'s reader in the active language."""
    entries = list(entries)
    existing = _existing(entries)
    lines = []
    for entry in entries:
        model = _model(entry)
        changes = _changes(entry, model)
        name = _name(entry, membership.centre)
        sentence = _sentence(entry, name, changes)
        lines.append(AuditLine(entry, sentence, changes, _url(entry, membership, existing), name))
    return lines


def action_name(action: str) -> str:
    """An action as the log's filter offers it: its sentence, told of nobody in particular."""
    template = SENTENCES.get(action, GENERIC_SENTENCE)
    return (template % {"actor": gettext("Someone"), "object": ""}).strip()
