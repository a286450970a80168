"""The staff home's worklist panels. Later apps register one panel each (requests, objections, …)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict[str, Any]


PanelFactory = Callable[[HttpRequest], Panel | None]
_FACTORIES: list[PanelFactory] = []


def register_panel(factory: PanelFactory) -> PanelFactory:
    """Register a function that returns the panel for this request, or None when it has nothing to show."""
    _FACTORIES.append(factory)
    return factory


def panels_for(request: HttpRequest) -> list[Panel]:
    return [panel for factory in _FACTORIES if (panel := factory(request)) is not None]
