"""The periodic tasks exist, are scheduled by Celery beat, and run inline without a broker."""

from __future__ import annotations

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from ppid.celery import app
from ppid.notifications.models import OutboxStatus
from ppid.notifications.services import outbox_enqueue
from ppid.notifications.tasks import send_due


def test_beat_runs_the_daily_job_at_six_in_jakarta_and_the_outbox_every_five_minutes() -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE
    daily = schedule["requests-daily"]
    outbox = schedule["outbox-send-due"]

    assert settings.CELERY_TIMEZONE == "Asia/Jakarta"
    assert daily["task"] == "ppid.requests.daily"
    assert daily["schedule"] == crontab(hour=6, minute=0)
    assert outbox["task"] == "ppid.notifications.send_due"
    assert outbox["schedule"] == crontab(minute="*/5")


def test_the_scheduled_tasks_are_registered_with_the_worker() -> None:
    app.loader.import_default_modules()

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.django_db
def test_the_send_due_task_sends_what_waits() -> None:
    message = outbox_enqueue(to=["a@example.org"], subject="S", body="B")

    assert send_due.delay().get() == {"sent": 1}

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
