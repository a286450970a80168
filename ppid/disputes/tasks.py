"""Celery tasks of objections and disputes. Without a broker they run inline (settings.CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from ppid.disputes import jobs


@shared_task(name="ppid.legal.daily")
def legal_daily() -> str:
    """Scheduled once a day by Celery beat (settings.CELERY_BEAT_SCHEDULE, "legal-daily")."""
    return jobs.legal_daily().summary()
