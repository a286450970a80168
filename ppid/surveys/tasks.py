"""Celery tasks of the survey. Without a broker they run inline (settings.CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from ppid.surveys.jobs import surveys_daily


@shared_task(name="ppid.surveys.daily")
def daily() -> str:
    """To be scheduled by Celery beat once a day (settings.CELERY_BEAT_SCHEDULE, entry "surveys-daily")."""
    return surveys_daily().summary()
