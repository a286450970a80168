"""Fixtures for transactional tests (live server, real concurrency) that commit for real.

pytest-django empties every table after such a test (DELETE on SQLite, TRUNCATE on PostgreSQL),
which the append-only triggers on events_event refuse. `flushable_events` drops the triggers just
before that flush and restores them once the module is done; modules using it never test the
append-only rule itself (tests/events does).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from pytest_django import DjangoDbBlocker

# The migration's functions take anything with `.connection` and `.execute(sql)`.
_APPEND_ONLY = importlib.import_module("ppid.events.migrations.0002_append_only_triggers")


class _Executor:
    def __init__(self) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Any = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.fixture(scope="module")
def append_only_restored(django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, bool]]:
    """Re-create the event triggers once the module's last test has been flushed."""
    state = {"dropped": False}
    yield state
    if state["dropped"]:
        with django_db_blocker.unblock():
            _APPEND_ONLY.forwards(None, _Executor())


@pytest.fixture
def flushable_events(append_only_restored: dict[str, bool], transactional_db: None) -> Iterator[None]:
    yield
    _APPEND_ONLY.backwards(None, _Executor())
    append_only_restored["dropped"] = True
