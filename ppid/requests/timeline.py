"""A request's timeline: its own events and those of the records that hang off it.

Objections and disputes register a source here (in their AppConfig.ready) so the request's page
shows every step of the chain without the requests app importing them (STYLE.md: one event
table, read as the timeline people see)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Model

from ppid.events.models import Event, EventQuerySet
from ppid.requests.models import InformationRequest

TimelineSource = Callable[[InformationRequest], Iterable[Model]]
_SOURCES: dict[str, TimelineSource] = {}


def timeline_source_register(name: str, source: TimelineSource) -> None:
    _SOURCES[name] = source


def request_timeline(request: InformationRequest) -> EventQuerySet:
    """Events of the request and of everything registered as part of its story (one query per source)."""
    related: list[Model] = [request]
    for source in _SOURCES.values():
        related.extend(source(request))
    return Event.objects.for_objects(related)
