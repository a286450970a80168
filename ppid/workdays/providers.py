"""Open-deadline providers: how a calendar or rule change reaches the deadlines later apps hold.

An app that stores deadlines (requests, objections, disputes) registers a provider once, in its
AppConfig.ready(). `deadlines_recompute` (services) asks every provider for its open deadlines at
the affected offices and gives each a fresh Calendar; the provider recomputes and saves it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from ppid.workdays.engine import Calendar


@dataclass(frozen=True, slots=True)
class OpenDeadline:
    """One deadline still running: what holds it, at which office, and its current date."""

    holder: Any  # a model instance (events link to it) or any object with a readable str()
    office_id: int
    deadline: datetime.date
    key: str = ""  # which deadline of the holder, e.g. "notice_due"


# (office ids or None for all) -> the open deadlines at those offices
OpenDeadlines = Callable[[Collection[int] | None], Iterable[OpenDeadline]]
# (open deadline, the office's fresh calendar) -> the new date, already saved by the provider
Recompute = Callable[[OpenDeadline, Calendar], datetime.date]


@dataclass(frozen=True, slots=True)
class DeadlineProvider:
    name: str
    open_deadlines: OpenDeadlines
    recompute: Recompute


_PROVIDERS: dict[str, DeadlineProvider] = {}


def provider_register(*, name: str, open_deadlines: OpenDeadlines, recompute: Recompute) -> DeadlineProvider:
    """Register (or replace) the provider called `name`."""
    provider = DeadlineProvider(name=name, open_deadlines=open_deadlines, recompute=recompute)
    _PROVIDERS[name] = provider
    return provider


def provider_unregister(name: str) -> None:
    _PROVIDERS.pop(name, None)


def providers() -> list[DeadlineProvider]:
    return list(_PROVIDERS.values())
