"""The e-mail outbox: every message the system sends is stored first, then sent and retried from here."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed: needs attention")


class OutboxMessage(models.Model):
    """One e-mail. Nothing is sent without a row here, and no row disappears: a message that cannot
    be sent ends as `failed`, visible to the office's PPID and administrators."""

    to = models.JSONField(_("to"), default=list)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    # [{"name": ..., "path": <default storage path>, "mimetype": ...}]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    office = models.ForeignKey(
        "offices.Office", verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The same key twice stores one message: a job that runs twice a day sends nothing twice.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
