from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from ppid.accounts.models import RoleMembership, User
from ppid.accounts.roles import Role
from ppid.offices.models import Office


@contextmanager
def frozen_now(moment: datetime.datetime) -> Iterator[None]:
    """Freeze django.utils.timezone.now() and the event time default (bound at import) at `moment`."""
    from ppid.events.models import Event

    field = Event._meta.get_field("created_at")
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch.dict(field.__dict__, {"_get_default": lambda: moment}),
    ):
        yield


@pytest.fixture
def national(db: None) -> Office:
    return Office.objects.get(code="00")


@pytest.fixture
def sysadmin(national: Office) -> User:
    user = User.objects.create_user(username="admin-kalender", password="x-very-secret-1")
    RoleMembership.objects.create(user=user, office=national, role=Role.SYSADMIN, valid_from=datetime.date(2020, 1, 1))
    return user


@pytest.fixture
def outsider(db: None) -> User:
    return User.objects.create_user(username="orang-lain", password="x-very-secret-1")


@pytest.fixture(autouse=True)
def _static_root(settings: Any, tmp_path: Path) -> None:
    # WhiteNoise warns (an error under filterwarnings=error) when collectstatic has not run.
    settings.STATIC_ROOT = tmp_path
