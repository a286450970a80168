"""Celery tasks of the outbox. Without a broker they run inline (settings.CELERY_TASK_ALWAYS_EAGER)."""

from __future__ import annotations

from celery import shared_task

from ppid.notifications.services import outbox_send, outbox_send_due


@shared_task(name="ppid.notifications.send_one")
def send_one(message_id: int) -> str:
    return outbox_send(message_id=message_id)


@shared_task(name="ppid.notifications.send_due")
def send_due() -> dict[str, int]:
    """Scheduled every few minutes by Celery beat: retries what failed and sends what waits."""
    return outbox_send_due()
