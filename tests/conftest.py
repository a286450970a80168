"""Shared fixtures: fast hashing, a clean cache per test, and the offices every test relies on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

from ppid.offices.models import Office

# Shared by the live-server and concurrency modules.
from tests.transactional import append_only_restored, flushable_events  # noqa: F401

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; the one test that checks it restores the real list.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="session")
def _session_media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, _session_media_dir: Path) -> None:
    # Receipts, notices and uploads written by tests never land in the project's media/ folder.
    settings.MEDIA_ROOT = _session_media_dir


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    # The language middleware activates the visitor's language for the thread, as every request
    # does in production; a test client request must not leave English active for the next test.
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # DRF throttles count requests in the default cache: each test starts with none counted.
    cache.clear()


@pytest.fixture
def office_ri(db: None) -> Office:
    return Office.objects.get(code="00")


@pytest.fixture
def office_jabar(db: None) -> Office:
    """KPU Provinsi Jawa Barat."""
    return Office.objects.get(code="32")


@pytest.fixture
def office_bandung(db: None) -> Office:
    """KPU Kota Bandung, a regency of Jawa Barat."""
    return Office.objects.get(code="32.73")


@pytest.fixture
def office_jateng(db: None) -> Office:
    """KPU Provinsi Jawa Tengah: a sibling province, "another office" for Jawa Barat's staff."""
    return Office.objects.get(code="33")
