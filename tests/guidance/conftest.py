"""Fixtures for directions and work plans: issuers at KPU Provinsi Jawa Barat, the PPIDs below it."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.guidance.models import Direction
from ppid.guidance.services import DirectionData, direction_issue
from ppid.guidance.workflow import DirectionScope
from ppid.offices.models import Office
from tests.requests.conftest import _media_root, atasan, office, ppid_officer, staff  # noqa: F401
from tests.workdays.conftest import frozen_now, national  # noqa: F401

# A working Monday in 2026, WIB.
NOW = datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def province(db: None) -> Office:
    return Office.objects.get(code="32")


@pytest.fixture
def pembina(staff: Callable[..., User], province: Office) -> User:
    return staff(Role.PEMBINA, province)


@pytest.fixture
def advisory(staff: Callable[..., User], province: Office) -> User:
    return staff(Role.TIM_PERTIMBANGAN, province)


@pytest.fixture
def other_ppid(staff: Callable[..., User]) -> User:
    """The PPID of KPU Kota Bekasi, not addressed by directions to Kota Bandung."""
    return staff(Role.PPID, Office.objects.get(code="32.75"))


@pytest.fixture
def issue(pembina: User, province: Office, office: Office) -> Callable[..., Direction]:
    """`issue(**overrides)`: a direction from the Pembina of Jawa Barat, by default to KPU Kota Bandung."""

    def make(actor: User | None = None, **overrides: Any) -> Direction:
        values: dict[str, Any] = {
            "title": "Perbarui DIP",
            "text": "Mutakhirkan Daftar Informasi Publik sebelum akhir bulan.",
            "due_on": datetime.date(2026, 3, 31),
            "scope": DirectionScope.ONE_OFFICE,
            "target": office,
        }
        values.update(overrides)
        with frozen_now(NOW):
            return direction_issue(office=province, actor=actor or pembina, data=DirectionData(**values))

    return make
