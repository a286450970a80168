"""`manage.py workdays add|count|list|sync-library`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().splitlines()


def test_add_prints_the_deadline_alone_on_the_first_line() -> None:
    lines = run("add", "2026-03-17", "10")
    assert lines[0] == "2026-04-08"
    assert any("Idulfitri 1447 H" in line for line in lines[1:])


def test_add_one_minute_after_closing() -> None:
    assert run("add", "2026-03-17T16:01", "10")[0] == "2026-04-09"


def test_add_with_an_offset_is_converted_to_office_time() -> None:
    # 08:30 UTC is 17:30 WIT: after closing in Jayapura, in hours in Jakarta.
    assert run("add", "2026-06-02T08:30+00:00", "1", "--office", "91.71")[0] == "2026-06-04"
    assert run("add", "2026-06-02T08:30+00:00", "1")[0] == "2026-06-03"


def test_count() -> None:
    assert run("count", "2026-03-17", "2026-04-08") == ["10"]


def test_list_shows_reasons() -> None:
    lines = run("list", "2026", "--office", "51.71")
    assert any(line.startswith("2026-03-20\t") and "Idulfitri" in line for line in lines)
    assert not any(line.startswith("2026-03-21") for line in lines)  # a Saturday: weekdays only


@pytest.mark.parametrize(
    "args",
    [
        ("add", "17-03-2026", "10"),
        ("add", "2026-03-17", "ten"),
        ("add", "2026-03-17", "-1"),
        ("add", "2026-03-17", "1", "--office", "99.99"),
        ("count", "x", "2026-01-01"),
        ("list", "year"),
    ],
)
def test_bad_arguments_fail_with_a_message(args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError):
        run(*args)


def test_sync_library_adds_nothing_twice() -> None:
    # Commands speak the default language, Bahasa Indonesia.
    assert run("sync-library", "2026") == ["0 hari kalender ditambahkan."]


def test_sync_library_refuses_unknown_years() -> None:
    with pytest.raises(CommandError):
        run("sync-library", "1990")
