"""Writing events. Every service that changes state calls `event_record` inside its transaction."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from ppid.events.models import Event
from ppid.events.registry import is_registered


def _jsonable(values: dict[str, Any] | None) -> dict[str, Any] | None:
    # Dates, times and decimals become strings, as a reader of the timeline would write them.
    return None if values is None else json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def event_record(
    *,
    event_type: str,
    obj: models.Model | None,
    actor: Any | None,
    actor_role: str = "",
    office: Any | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> Event:
    """Append one event. `event_type` must be registered (see ppid.events.registry)."""
    if not is_registered(event_type):
        raise ValueError(f"Unregistered event type {event_type!r}")
    return Event.objects.create(
        event_type=event_type,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_role=actor_role,
        office=office,
        before=_jsonable(before),
        after=_jsonable(after),
        note=note,
        payload=_jsonable(payload) or {},
    )


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` on `obj`, foreign keys by their id, for before/after."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        values[name] = getattr(obj, field.attname)  # type: ignore[union-attr]
    return values
