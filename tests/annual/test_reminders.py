"""From 1 March the PPIDs of offices without last year's published report get one reminder a week."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from ppid.accounts.models import User
from ppid.annual.jobs import annual_reminders
from ppid.annual.models import AnnualReport, AnnualReportRule
from ppid.annual.services import annual_report_approve, annual_report_publish, annual_report_submit
from ppid.annual.tasks import reminders
from ppid.notifications.models import OutboxMessage
from tests.annual.conftest import QUIET_MONDAY, frozen_now

pytestmark = pytest.mark.django_db

WIB = datetime.timezone(datetime.timedelta(hours=7))


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 8, 0, tzinfo=WIB)


def _for(user: User) -> list[OutboxMessage]:
    return [m for m in OutboxMessage.objects.order_by("pk") if user.email in m.to]


def test_reminders_run_once_a_week_in_march_only(ppid_officer: User) -> None:
    year = QUIET_MONDAY.year + 1
    with frozen_now(_at(datetime.date(year, 2, 28))):
        assert annual_reminders() == 0
    with frozen_now(_at(datetime.date(year, 3, 2))):  # a Tuesday
        assert annual_reminders() >= 1
        annual_reminders()
    with frozen_now(_at(datetime.date(year, 3, 6))):  # the same week
        annual_reminders()
    assert len(_for(ppid_officer)) == 1
    assert str(QUIET_MONDAY.year) in _for(ppid_officer)[0].subject
    with frozen_now(_at(datetime.date(year, 3, 9))):  # the next week
        reminders.delay()
    assert len(_for(ppid_officer)) == 2
    with frozen_now(_at(datetime.date(year, 4, 1))):
        call_command("annual_reminders")
    assert len(_for(ppid_officer)) == 2


def test_no_reminder_once_the_report_is_published(draft: AnnualReport, ppid_officer: User, atasan: User) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    report = annual_report_approve(report=report, actor=atasan)
    annual_report_publish(report=report, actor=ppid_officer)
    annual_reminders(today=datetime.date(draft.year + 1, 3, 16))
    assert _for(ppid_officer) == []


def test_the_reminder_window_and_due_date_come_from_the_rule(ppid_officer: User) -> None:
    year = QUIET_MONDAY.year
    rule = AnnualReportRule.for_year(year)
    assert rule is not None and rule.due_on(year) == datetime.date(year + 1, 3, 31)
    assert rule.reminders_from(year) == datetime.date(year + 1, 3, 1)
    shorter = AnnualReportRule.objects.create(
        valid_from=datetime.date(year, 1, 1),
        due_months_after_year_end=2,
        reminder_days_before_due=7,
        citation="Aturan uji",
    )
    due = shorter.due_on(year)
    assert due.month == 2  # the last day of February
    opens = due - datetime.timedelta(days=7)
    assert annual_reminders(today=opens - datetime.timedelta(days=1)) == 0  # before the new window
    assert annual_reminders(today=opens) >= 1
    message = _for(ppid_officer)[0]
    assert f"{due.day} Februari {due.year}" in message.subject or f"{due.day} February {due.year}" in message.subject
    assert "Aturan uji" in message.body
    assert annual_reminders(today=due + datetime.timedelta(days=1)) == 0  # past the new due date
