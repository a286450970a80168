"""The daily DIK job (Pasal 20 UU 14/2008; RULES.md §6): an exemption is flagged for review once,
before it ends, and expires after its last day; as a function, a Celery task and a command."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from ppid.events.models import Event
from ppid.exemptions.jobs import exemptions_daily
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.tasks import review_daily
from ppid.exemptions.workflow import ExemptionStatus
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

WIB = ZoneInfo("Asia/Jakarta")
# Monday 2 March 2026, 09:00 WIB: the day the Keputusan KPU is signed.
DECIDED = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
ENDS = datetime.date(2026, 12, 31)


def at(day: datetime.date, hour: int = 6) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=WIB)


def events(kind: str, exemption: Exemption) -> int:
    return Event.objects.for_object(exemption).filter(event_type=kind).count()


@pytest.fixture
def ending(decided_exemption_test: Callable[..., ConsequenceTest]) -> Exemption:
    """Pasal 17 huruf c (defence), exempt until 31 December 2026: not permanent (Pasal 20)."""
    with frozen_now(DECIDED):
        test = decided_exemption_test(pasal17_letter="c", pasal17_point="1", duration_until=ENDS)
    return Exemption.objects.get(test=test)


@pytest.fixture
def permanent(decided_exemption_test: Callable[..., ConsequenceTest]) -> Exemption:
    """Pasal 17 huruf h (personal secrets) without an end date."""
    with frozen_now(DECIDED):
        test = decided_exemption_test()
    return Exemption.objects.get(test=test)


def run_on(day: datetime.date, **kwargs: Any) -> Any:
    with frozen_now(at(day)):
        return exemptions_daily(**kwargs)


def test_it_flags_an_exemption_once_when_its_end_comes_near(ending: Exemption, permanent: Exemption) -> None:
    assert run_on(ENDS - datetime.timedelta(days=61)).summary() == "flagged=0 expired=0"

    first = run_on(ENDS - datetime.timedelta(days=60))
    again = run_on(ENDS - datetime.timedelta(days=60))
    next_day = run_on(ENDS - datetime.timedelta(days=59))

    assert first.flagged == [str(ending)] and first.expired == []
    assert (again.flagged, next_day.flagged) == ([], [])
    ending.refresh_from_db()
    assert ending.status == ExemptionStatus.ACTIVE and ending.review_flagged_at == at(
        ENDS - datetime.timedelta(days=60)
    )
    assert events("exemption.review_due", ending) == 1
    permanent.refresh_from_db()
    assert permanent.review_flagged_at is None  # no end date: nothing to review


def test_it_expires_an_exemption_the_day_after_its_last_day(ending: Exemption) -> None:
    assert run_on(ENDS, notice_days=0).expired == []  # still in force on its last day
    ending.refresh_from_db()
    assert ending.status == ExemptionStatus.ACTIVE

    after = run_on(ENDS + datetime.timedelta(days=1))
    again = run_on(ENDS + datetime.timedelta(days=2))

    assert after.expired == [str(ending)] and again.expired == []
    ending.refresh_from_db()
    assert ending.status == ExemptionStatus.EXPIRED
    assert events("exemption.expired", ending) == 1


def test_a_missed_run_is_caught_up(ending: Exemption) -> None:
    """The job did not run for months: the next run expires it at once."""
    report = run_on(ENDS + datetime.timedelta(days=90))

    assert report.expired == [str(ending)]


def test_the_day_is_kpu_ris_day_in_wib(ending: Exemption) -> None:
    # 31 December 2026, 23:30 UTC is already 1 January 2027 in Jakarta: the exemption has ended.
    with frozen_now(datetime.datetime(2026, 12, 31, 17, 30, tzinfo=datetime.UTC)):
        report = exemptions_daily()

    assert report.expired == [str(ending)]


def test_the_notice_period_comes_from_the_setting(ending: Exemption, settings: Any) -> None:
    settings.EXEMPTION_REVIEW_NOTICE_DAYS = 30

    assert run_on(ENDS - datetime.timedelta(days=31)).flagged == []
    assert run_on(ENDS - datetime.timedelta(days=30)).flagged == [str(ending)]


def test_the_celery_task_and_the_command_run_the_same_job(ending: Exemption) -> None:
    with frozen_now(at(ENDS - datetime.timedelta(days=10))):
        assert review_daily.delay().get() == "flagged=1 expired=0"
    out = StringIO()

    with frozen_now(at(ENDS - datetime.timedelta(days=5))):
        call_command("exemptions_daily", "--today", (ENDS + datetime.timedelta(days=1)).isoformat(), stdout=out)

    assert f"expired: {ending}" in out.getvalue() and "flagged=0 expired=1" in out.getvalue()
