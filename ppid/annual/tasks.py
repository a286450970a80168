"""Celery tasks of the annual report. Without a broker they run inline (settings.CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from ppid.annual.jobs import annual_reminders


@shared_task(name="ppid.annual.reminders")
def reminders() -> int:
    """Scheduled once a day by Celery beat; sends at most one reminder per office a week
    while `AnnualReportRule` says reminders run (1 to 31 March)."""
    return annual_reminders()
