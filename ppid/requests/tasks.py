"""Celery tasks of requests. Without a broker they run inline (settings.CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from ppid.requests.jobs import requests_daily


@shared_task(name="ppid.requests.daily")
def daily() -> str:
    """Scheduled by Celery beat at 06:00 WIB (settings.CELERY_BEAT_SCHEDULE)."""
    return requests_daily().summary()
