"""Human labels for event types, registered by each app for the timeline."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, str | Promise] = {}


def register_event_type(event_type: str, label: str | Promise) -> str:
    """Declare an event type once, next to the service that writes it; returns the type."""
    if "." not in event_type:
        raise ValueError(f"Event types are dotted names (noun.verb), not {event_type!r}")
    _LABELS[event_type] = label
    return event_type


def label_for(event_type: str) -> str | Promise:
    return _LABELS.get(event_type, event_type)


def is_registered(event_type: str) -> bool:
    return event_type in _LABELS


FALLBACK_LABEL = _("Event")
