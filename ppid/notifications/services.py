"""Writes and sends of the outbox. Every e-mail is stored by `outbox_enqueue` and sent by `outbox_send`;
a failure is retried with back-off and, after MAX_ATTEMPTS, left `failed` for staff to see."""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import can, offices_where
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.notifications.models import OutboxMessage, OutboxStatus
from ppid.offices.models import Office

logger = logging.getLogger(__name__)

# 1, 2, 4 … 64 minutes between tries: about two hours of a mail server being down before a
# message is marked failed and shown to staff.
MAX_ATTEMPTS = 8
FIRST_RETRY = datetime.timedelta(minutes=1)
# Messages go out in the people's language: Bahasa Indonesia first (STYLE.md, Language).
MESSAGE_LANGUAGE = "id"

OUTBOX_RETRIED = register_event_type("outbox.retried", gettext_lazy("E-mail sent again by staff"))


@dataclass(frozen=True)
class Attachment:
    """A file for a message: its bytes (stored at enqueue) or the path of a file already stored."""

    name: str
    mimetype: str
    content: bytes | None = None
    path: str = ""


def render_text(template_name: str, context: dict[str, Any]) -> str:
    """A message body from a text template, in the message language."""
    with translation.override(MESSAGE_LANGUAGE):
        return render_to_string(template_name, context).strip() + "\n"


def _store(attachment: Attachment) -> dict[str, str]:
    path = attachment.path
    if attachment.content is not None:
        day = timezone.now()
        name = get_valid_filename(attachment.name) or "lampiran"
        path = default_storage.save(f"outbox/{day:%Y/%m}/{uuid.uuid4().hex}-{name}", ContentFile(attachment.content))
    return {"name": attachment.name, "path": path, "mimetype": attachment.mimetype}


def _clean_addresses(to: Iterable[str]) -> list[str]:
    addresses: list[str] = []
    seen: set[str] = set()
    for raw in to:
        address = (raw or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def outbox_enqueue(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    obj: models.Model | None = None,
    office: Office | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Store a message to send. With a `dedupe_key` already used, returns the stored message instead.

    A message with no address is stored as failed at once, so that staff see it was never sent.
    """
    if dedupe_key:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    addresses = _clean_addresses(to)
    message = OutboxMessage(
        to=addresses,
        subject=subject[:255],
        body=body,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        office=office,
        dedupe_key=dedupe_key or None,
        created_at=timezone.now(),
        next_attempt_at=timezone.now(),
    )
    if not addresses:
        message.status = OutboxStatus.FAILED
        message.last_error = _("No recipient address.")
        logger.error("Outbox message %r has no recipient address", subject)
    try:
        with transaction.atomic():
            message.attachments = [_store(a) for a in attachments]
            message.save()
    except IntegrityError:
        if dedupe_key:
            return OutboxMessage.objects.get(dedupe_key=dedupe_key)
        raise
    if message.status == OutboxStatus.QUEUED:
        transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def _dispatch(message_id: int) -> None:
    """Ask the worker to send now; if the broker is down the periodic retry picks the message up."""
    from ppid.notifications.tasks import send_one

    try:
        send_one.delay(message_id)
    except Exception:  # the message stays queued; outbox_send_due sends it later
        logger.exception("Could not hand outbox message %s to the worker", message_id)


def _backoff(attempts: int) -> datetime.timedelta:
    return FIRST_RETRY * int(2 ** max(attempts - 1, 0))


def _deliver(message: OutboxMessage) -> None:
    if not message.to:
        # EmailMessage.send() would "succeed" with no recipient: refuse, so the message stays visible.
        raise ValueError(_("No recipient address."))
    email = EmailMessage(subject=message.subject, body=message.body, to=message.to)
    for item in message.attachments:
        with default_storage.open(item["path"], "rb") as handle:
            email.attach(item["name"], handle.read(), item["mimetype"])
    email.send(fail_silently=False)


def outbox_send(*, message_id: int) -> str:
    """Send one queued message whose time has come; returns its status afterwards."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None:  # another worker is sending it right now
            return ""
        now = timezone.now()
        if message.status != OutboxStatus.QUEUED or message.next_attempt_at > now:
            return str(message.status)
        message.attempts += 1
        try:
            _deliver(message)
        except Exception as exc:  # any transport or storage failure is recorded, never lost
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxStatus.FAILED
                logger.error("Outbox message %s failed for good: %s", message.pk, message.last_error)
            else:
                message.next_attempt_at = now + _backoff(message.attempts)
                logger.warning("Outbox message %s failed (attempt %s): %s", message.pk, message.attempts, exc)
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = now
        message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "sent_at"])
        return str(message.status)


def outbox_send_due(*, limit: int = 500) -> dict[str, int]:
    """Send every queued message whose next attempt is due (the periodic task); counts by outcome."""
    due = (
        OutboxMessage.objects.filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: dict[str, int] = {}
    for pk in list(due):
        outcome = outbox_send(message_id=pk) or "skipped"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _audit_office(message: OutboxMessage) -> Office:
    # A message of no office (rare: system mail) is the concern of KPU RI's staff.
    return message.office or Office.objects.get(code="00")


def outbox_visible_to(user: Any) -> QuerySet[OutboxMessage]:
    """Messages `user` may read: those of offices where they may read the audit trail."""
    messages = OutboxMessage.objects.all()
    condition = offices_where(user, "audit:view", prefix="office")
    if can(user, "audit:view", Office.objects.get(code="00")):
        condition |= Q(office__isnull=True)
    return messages.filter(condition)


def outbox_retry(*, messages: Iterable[OutboxMessage], actor: Any) -> int:
    """Staff send failed or waiting messages again now, with a fresh set of attempts."""
    chosen = list(messages)
    for message in chosen:
        if not can(actor, "outbox:retry", _audit_office(message)):
            raise PermissionDenied(_("You may not resend this message."))
    retried = 0
    for message in chosen:
        if message.status == OutboxStatus.SENT:
            continue
        with transaction.atomic():
            locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
            before = {"status": locked.status, "attempts": locked.attempts}
            locked.status = OutboxStatus.QUEUED
            locked.attempts = 0
            locked.next_attempt_at = timezone.now()
            locked.save(update_fields=["status", "attempts", "next_attempt_at"])
            event_record(
                event_type=OUTBOX_RETRIED,
                obj=locked,
                actor=actor,
                office=locked.office,
                before=before,
                after={"status": locked.status},
            )
        outbox_send(message_id=message.pk)
        retried += 1
    return retried
