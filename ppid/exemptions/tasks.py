"""Celery tasks of the exemptions. Without a broker they run inline (settings.CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from ppid.exemptions.jobs import exemptions_daily


@shared_task(name="ppid.exemptions.review_daily")
def review_daily() -> str:
    """Scheduled once a day by Celery beat (settings.CELERY_BEAT_SCHEDULE)."""
    return exemptions_daily().summary()
