"""Documents the case team contributes, and the follow-up tasks rulings leave behind."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import acting_role, can
from ppid.disputes.models import Dispute, DisputeDocument, FollowUpTask
from ppid.disputes.services.common import (
    DISPUTE_DOCUMENT,
    DISPUTE_TASK_CREATED,
    DISPUTE_TASK_DONE,
    DisputeStateError,
    lock_for,
    record,
)
from ppid.disputes.workflow import TaskKind
from ppid.requests.validation import check_upload

# Who may add a document to the case, in order of preference for the event's role: the legal unit
# leads; the PPID assists (seed d.5); the liaison team coordinates and sends data (seed e.3).
DOCUMENT_PERMISSIONS = ("dispute:manage", "dispute:assist", "dispute:coordinate", "dispute:send_data")
# Who completes a task of each kind.
TASK_PERMISSIONS: dict[str, str] = {
    TaskKind.FOLLOW_UP: "dispute:follow_up",  # Atasan PPID, seed c.5
    TaskKind.PUBLISH_DIP: "dip:publish_ruling",  # PPID, Pasal 11 ayat (2)
}


def document_permission(actor: Any, dispute: Dispute) -> str | None:
    return next((p for p in DOCUMENT_PERMISSIONS if can(actor, p, dispute)), None)


def dispute_add_document(*, dispute: Dispute, actor: Any, kind: str, title: str, upload: Any) -> DisputeDocument:
    permission = document_permission(actor, dispute)
    if permission is None:
        raise PermissionDenied(
            _("You may not add documents to dispute %(number)s.") % {"number": dispute.dispute_number}
        )
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    checked = check_upload(upload)
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_add_document", actor=actor, permission=permission)
        document = DisputeDocument.objects.create(
            dispute=locked,
            kind=kind,
            title=title.strip(),
            file=upload,
            original_name=upload.name or title.strip(),
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
            uploaded_role=acting_role(actor, permission, locked),
        )
        record(
            locked,
            DISPUTE_DOCUMENT,
            actor=actor,
            permission=permission,
            after={"document": document.title, "kind": kind},
            payload={"sha256": checked.sha256},
        )
    return document


def task_create(
    dispute: Dispute, kind: TaskKind, description: str, *, due_on: datetime.date | None, actor: Any
) -> FollowUpTask:
    """Called inside the ruling or agreement transaction that leaves the task."""
    task = FollowUpTask.objects.create(
        dispute=dispute, office=dispute.office, kind=kind, description=description, due_on=due_on
    )
    record(
        dispute,
        DISPUTE_TASK_CREATED,
        actor=actor,
        permission="dispute:manage",
        after={"task": str(kind.label), "due_on": due_on},
        note=description,
    )
    return task


def task_complete(*, task: FollowUpTask, actor: Any, result: str) -> FollowUpTask:
    """The Atasan PPID reports the follow-up (seed c.5), or the PPID the DIP entry (Pasal 11(2))."""
    if not result.strip():
        raise ValidationError({"result": _("Say what was done.")})
    permission = TASK_PERMISSIONS[task.kind]
    with transaction.atomic():
        locked = FollowUpTask.objects.select_for_update().select_related("dispute", "office").get(pk=task.pk)
        dispute = Dispute.objects.select_related("office", "request").get(pk=locked.dispute_id)
        if not can(actor, permission, dispute):
            raise PermissionDenied(_("This task is for another role."))
        if locked.done_at is not None:
            raise DisputeStateError(_("This task was already done."))
        locked.done_at = timezone.now()
        locked.done_by = actor
        locked.result = result.strip()
        locked.save(update_fields=["done_at", "done_by", "result"])
        record(
            dispute,
            DISPUTE_TASK_DONE,
            actor=actor,
            permission=permission,
            after={"task": str(TaskKind(locked.kind).label)},
            note=locked.result,
        )
    return locked
