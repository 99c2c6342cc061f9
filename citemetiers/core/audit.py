"""The one helper every write service calls to log what it changed."""

from __future__ import annotations

from typing import Any

from django.db import models

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


def diff_fields(instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Return {field: [old, new]} for the values of `data` that differ from `instance`."""
    changed = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changed[field] = [_jsonable(old), _jsonable(new)]
    return changed
