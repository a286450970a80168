"""Settings come from the environment through helpers that fail loudly, and production refuses unsafe values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ppid.env import env_bool, env_database, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parent.parent
GOOD_SECRET = "k" * 20 + "-production-secret-0123456789"
SETTINGS_VARIABLES = {
    "PPID_PROFILE", "SECRET_KEY", "DEBUG", "DEMO_MODE", "DATABASE_URL", "ALLOWED_HOSTS",
    "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "LOGIN_FAILURE_LIMIT", "EMAIL_HOST",
}  # fmt: skip


@pytest.mark.parametrize("value", ["1", "true", "Yes", " on "])
def test_it_reads_true(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PPID_TEST_FLAG", value)

    assert env_bool("PPID_TEST_FLAG", False) is True


@pytest.mark.parametrize("value", ["0", "false", "NO", "off", ""])
def test_it_reads_false(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PPID_TEST_FLAG", value)

    assert env_bool("PPID_TEST_FLAG", True) is False


def test_it_uses_the_default_when_a_variable_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PPID_TEST_FLAG", raising=False)

    assert env_bool("PPID_TEST_FLAG", True) is True
    assert env_int("PPID_TEST_FLAG", 7) == 7
    assert env_str("PPID_TEST_FLAG", "x") == "x"
    assert env_list("PPID_TEST_FLAG", ["a"]) == ["a"]


@pytest.mark.parametrize("value", ["maybe", "2", "tru", "ya"])
def test_it_fails_loudly_on_a_bad_bool(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PPID_TEST_FLAG", value)

    with pytest.raises(ImproperlyConfigured, match="PPID_TEST_FLAG must be true or false"):
        env_bool("PPID_TEST_FLAG", False)


@pytest.mark.parametrize("value", ["ten", "1.5", "", "5 minutes"])
def test_it_fails_loudly_on_a_bad_int(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PPID_TEST_NUMBER", value)

    with pytest.raises(ImproperlyConfigured, match="PPID_TEST_NUMBER must be a whole number"):
        env_int("PPID_TEST_NUMBER", 5)


def test_it_reads_an_int(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PPID_TEST_NUMBER", "42")

    assert env_int("PPID_TEST_NUMBER", 5) == 42


def test_it_fails_loudly_on_a_missing_required_string(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PPID_TEST_REQUIRED", raising=False)

    with pytest.raises(ImproperlyConfigured, match="PPID_TEST_REQUIRED is required"):
        env_str("PPID_TEST_REQUIRED")


def test_it_splits_a_list_and_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PPID_TEST_LIST", " ppid.kpu.go.id, ,localhost,")

    assert env_list("PPID_TEST_LIST", []) == ["ppid.kpu.go.id", "localhost"]


@pytest.mark.parametrize("url", ["not-a-url", "foo://host/db", "postgres://user@host:port/db"])
def test_it_fails_loudly_on_a_bad_database_url(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("PPID_TEST_DB", url)

    with pytest.raises(ImproperlyConfigured, match="PPID_TEST_DB"):
        env_database("PPID_TEST_DB", "sqlite://")


def test_it_reads_a_postgres_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PPID_TEST_DB", "postgres://ppid:rahasia@db.example:5433/ppid")

    config = env_database("PPID_TEST_DB", "sqlite://")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example", 5433, "ppid", "ppid")


def _start_django(**variables: str) -> subprocess.CompletedProcess[str]:
    """Set up Django in a fresh interpreter with only `variables` as configuration."""
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="ppid.settings", **variables)
    code = "import django; django.setup(); from django.conf import settings; print('DEBUG', settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_it_refuses_debug_in_production() -> None:
    result = _start_django(PPID_PROFILE="production", SECRET_KEY=GOOD_SECRET, DEBUG="true")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG must be off in production" in result.stderr


def test_it_refuses_the_default_secret_key_in_production() -> None:
    result = _start_django(PPID_PROFILE="production")

    assert result.returncode != 0
    assert "Set SECRET_KEY to a random value of at least 32 characters" in result.stderr


def test_it_refuses_a_short_secret_key_in_production() -> None:
    result = _start_django(PPID_PROFILE="production", SECRET_KEY="short-secret")

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_it_refuses_demo_mode_in_production() -> None:
    result = _start_django(PPID_PROFILE="production", SECRET_KEY=GOOD_SECRET, DEMO_MODE="on")

    assert result.returncode != 0
    assert "DEMO_MODE must be off in production" in result.stderr


def test_it_refuses_an_unknown_profile() -> None:
    result = _start_django(PPID_PROFILE="staging")

    assert result.returncode != 0
    assert "PPID_PROFILE must be development, test or production" in result.stderr


def test_it_refuses_a_bad_value_at_start_up() -> None:
    result = _start_django(DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_it_starts_with_a_proper_production_environment() -> None:
    result = _start_django(PPID_PROFILE="production", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="ppid.kpu.go.id")

    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_it_starts_in_development_with_no_configuration_at_all() -> None:
    result = _start_django()

    assert result.returncode == 0, result.stderr
    assert "DEBUG True" in result.stdout
