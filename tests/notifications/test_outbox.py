"""The outbox: every message stored, sent, retried with back-off, failures kept and visible."""

from __future__ import annotations

import datetime
import smtplib
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from ppid.notifications.models import OutboxMessage, OutboxStatus
from ppid.notifications.services import (
    MAX_ATTEMPTS,
    Attachment,
    outbox_enqueue,
    outbox_send,
    outbox_send_due,
)
from ppid.offices.models import Office
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)

pytestmark = pytest.mark.django_db


def enqueue(**kwargs: Any) -> OutboxMessage:
    kwargs.setdefault("to", ["siti@example.org"])
    kwargs.setdefault("subject", "Tanda bukti")
    kwargs.setdefault("body", "Permohonan Anda terdaftar.")
    return outbox_enqueue(**kwargs)


def failing_send(*args: Any, **kwargs: Any) -> int:
    raise smtplib.SMTPServerDisconnected("connection lost")


def test_enqueue_stores_the_message_queued_with_clean_addresses() -> None:
    message = enqueue(to=[" siti@example.org ", "SITI@example.org", "", "budi@example.org"])

    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.to == ["siti@example.org", "budi@example.org"]
    assert message.attempts == 0
    assert mail.outbox == []  # nothing is sent before the transaction commits


def test_the_same_dedupe_key_stores_one_message() -> None:
    first = enqueue(dedupe_key="reminder:1:due_soon:2026-02-18")
    second = enqueue(dedupe_key="reminder:1:due_soon:2026-02-18", subject="Lagi")

    assert first.pk == second.pk
    assert OutboxMessage.objects.count() == 1


def test_a_message_without_any_address_is_stored_as_failed() -> None:
    message = enqueue(to=["", "  "])

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.last_error


def test_send_due_sends_queued_messages_with_their_attachments(office: Office) -> None:
    with frozen_now(NOW):
        message = enqueue(
            office=office, attachments=[Attachment(name="bukti.pdf", mimetype="application/pdf", content=b"%PDF-1.4 x")]
        )
        counts = outbox_send_due()

    message.refresh_from_db()
    assert counts == {"sent": 1}
    assert message.status == OutboxStatus.SENT
    assert message.sent_at == NOW
    assert message.attempts == 1
    [sent] = mail.outbox
    assert sent.to == ["siti@example.org"]
    assert sent.subject == "Tanda bukti"
    assert sent.attachments[0][0] == "bukti.pdf"
    assert sent.attachments[0][1] == b"%PDF-1.4 x"


def test_a_sent_message_is_not_sent_again() -> None:
    message = enqueue()
    outbox_send_due()

    assert outbox_send(message_id=message.pk) == OutboxStatus.SENT
    assert outbox_send_due() == {}
    assert len(mail.outbox) == 1


def test_a_failure_is_kept_and_retried_later_with_back_off() -> None:
    with frozen_now(NOW):
        message = enqueue()
        with mock.patch("django.core.mail.EmailMessage.send", failing_send):
            outbox_send_due()

    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert "connection lost" in message.last_error
    assert message.next_attempt_at == NOW + datetime.timedelta(minutes=1)

    with frozen_now(NOW + datetime.timedelta(seconds=30)):
        assert outbox_send_due() == {}  # not due yet
    with (
        frozen_now(NOW + datetime.timedelta(minutes=1)),
        mock.patch("django.core.mail.EmailMessage.send", failing_send),
    ):
        outbox_send_due()
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == NOW + datetime.timedelta(minutes=3)  # then 2 minutes later

    with frozen_now(NOW + datetime.timedelta(minutes=3)):
        assert outbox_send_due() == {"sent": 1}
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_message_is_marked_failed_not_dropped() -> None:
    moment = NOW
    with frozen_now(moment):
        message = enqueue()
    with mock.patch("django.core.mail.EmailMessage.send", failing_send):
        for _attempt in range(MAX_ATTEMPTS + 2):
            moment += datetime.timedelta(days=1)
            with frozen_now(moment):
                outbox_send_due()

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert "connection lost" in message.last_error
    assert OutboxMessage.objects.filter(pk=message.pk).exists()


def test_a_message_with_no_recipient_never_counts_as_sent() -> None:
    message = enqueue()
    OutboxMessage.objects.filter(pk=message.pk).update(to=[])

    outbox_send_due()

    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.last_error
    assert mail.outbox == []


def test_after_commit_the_message_is_sent_at_once(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_when_the_worker_cannot_be_reached_the_message_waits_for_the_periodic_send(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with (
        mock.patch("ppid.notifications.tasks.send_one.delay", side_effect=ConnectionError("no broker")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = enqueue()

    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert outbox_send_due() == {"sent": 1}
