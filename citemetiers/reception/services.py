"""Writes on the reception domain. Every function logs what it changed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citemetiers.centres.selectors import membership_required
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError
from citemetiers.reception.models import AdviceArea
from citemetiers.reception.perms import can_manage_advice_areas

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# The six advice areas of the Cité des métiers model (DESIGN.md §2), with their ticket letters.
DEFAULT_ADVICE_AREAS = [
    ("A", gettext_noop("Choosing an orientation")),
    ("B", gettext_noop("Finding a job")),
    ("C", gettext_noop("Changing one's working life")),
    ("D", gettext_noop("Creating one's business")),
    ("E", gettext_noop("Training")),
    ("F", gettext_noop("Working abroad")),
]

AREA_FIELDS = ("name", "code", "description", "is_active")


def advice_areas_create_defaults(*, centre: Centre, actor: User | None) -> list[AdviceArea]:
    """Give a new Cité the six default advice areas, named in the Cité's main language."""
    areas = []
    with transaction.atomic(), translation.override(centre.main_language):
        for position, (code, name) in enumerate(DEFAULT_ADVICE_AREAS, start=1):
            area = AdviceArea.objects.create(centre=centre, code=code, name=_(name), position=position)
            audit_log(actor=actor, action="advice_area.create", target=area, centre=centre)
            areas.append(area)
    return areas


def _check_may_manage_areas(centre_id: int, actor: User | None) -> None:
    """The services check the role themselves, whoever calls them; no actor is the platform itself
    (the demo, a command), never a person: it is not refused."""
    if actor is None:
        return
    membership_required(
        actor,
        centre_id,
        can_manage_advice_areas,
        _("Only the coordinators and the logistics staff of the Cité change its advice areas."),
    )


def _check_unique(centre: Centre, data: Mapping[str, Any], exclude_pk: int | None = None) -> None:
    others = AdviceArea.objects.for_centre(centre).exclude(pk=exclude_pk)
    if others.filter(code=data["code"]).exists():
        raise DomainError(
            _("Another advice area already uses the letter %(code)s.") % {"code": data["code"]}, field="code"
        )
    if others.filter(name__iexact=data["name"]).exists():
        raise DomainError(_("Another advice area already has this name."), field="name")


def advice_area_create(*, centre: Centre, data: Mapping[str, Any], actor: User) -> AdviceArea:
    _check_may_manage_areas(centre.pk, actor)
    data = {field: data[field] for field in AREA_FIELDS if field in data}
    with transaction.atomic():
        _check_unique(centre, data)
        last = AdviceArea.objects.for_centre(centre).aggregate(last=Max("position"))["last"] or 0
        try:
            area = AdviceArea.objects.create(centre=centre, position=last + 1, **data)
        except IntegrityError as error:
            raise DomainError(_("Another advice area already uses this letter or name.")) from error
        audit_log(actor=actor, action="advice_area.create", target=area, centre=centre, changes=data)
    return area


def advice_area_update(*, area: AdviceArea, data: Mapping[str, Any], actor: User) -> AdviceArea:
    _check_may_manage_areas(area.centre_id, actor)
    data = {field: data[field] for field in AREA_FIELDS if field in data}
    with transaction.atomic():
        _check_unique(area.centre, data, exclude_pk=area.pk)
        changes = diff_fields(area, data)
        if not changes:
            return area
        for field, value in data.items():
            setattr(area, field, value)
        area.save()
        action = "advice_area.update"
        if "is_active" in changes:
            action = "advice_area.reactivate" if area.is_active else "advice_area.deactivate"
        audit_log(actor=actor, action=action, target=area, centre=area.centre, changes=changes)
    return area


def advice_area_move(*, area: AdviceArea, offset: int, actor: User) -> None:
    """Move an area up (offset -1) or down (+1) in the Cité's order; positions are renumbered 1..n."""
    _check_may_manage_areas(area.centre_id, actor)
    with transaction.atomic():
        areas = list(AdviceArea.objects.for_centre(area.centre).select_for_update().order_by("position", "id"))
        index = next(i for i, other in enumerate(areas) if other.pk == area.pk)
        target = index + offset
        if not 0 <= target < len(areas):
            return
        areas.insert(target, areas.pop(index))
        for position, other in enumerate(areas, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
        audit_log(
            actor=actor, action="advice_area.move", target=area, centre=area.centre, changes={"position": target + 1}
        )
