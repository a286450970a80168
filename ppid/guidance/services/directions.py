"""Directions from the Pembina PPID (seed a.1) and the Tim Pertimbangan (seed b.1) to the PPIDs of
an office or of every office below, their acknowledgement, follow-up reports and closing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.guidance.models import Direction, DirectionAddressee, DirectionReport
from ppid.guidance.workflow import (
    DIRECTION_TRANSITIONS,
    ISSUE_PERMISSION,
    AddresseeStatus,
    DirectionScope,
    IssuerRole,
)
from ppid.offices.models import Office
from ppid.requests.validation import check_upload

DIRECTION_ISSUED = register_event_type("direction.issued", gettext_lazy("Direction issued"))
DIRECTION_ACKNOWLEDGED = register_event_type("direction.acknowledged", gettext_lazy("Direction acknowledged"))
DIRECTION_REPORTED = register_event_type("direction.reported", gettext_lazy("Follow-up reported"))
DIRECTION_CLOSED = register_event_type("direction.closed", gettext_lazy("Direction closed"))


class DirectionStateError(Exception):
    """The addressee is not in a state that allows this step (often: someone else changed it first)."""


@dataclass(frozen=True)
class DirectionData:
    title: str
    text: str
    due_on: datetime.date
    scope: str
    # The addressed office when scope is ONE_OFFICE: the issuing office itself or one below it.
    target: Office | None = None


def issuer_role_of(actor: Any, office: Office) -> str | None:
    """The role in which `actor` may direct the PPIDs from `office`; the Pembina first (seed a.1, b.1)."""
    for role, permission in ISSUE_PERMISSION.items():
        if can(actor, permission, office):
            return str(role)
    return None


def may_close(actor: Any, direction: Direction) -> bool:
    """The issuer's permission at the issuing office closes (any holder of it, not only the author)."""
    return can(actor, ISSUE_PERMISSION[direction.issuer_role], direction.office)


def _within(office: Office, target: Office | None) -> bool:
    return target is not None and (target.pk == office.pk or office.is_ancestor_of(target))


def _validate(office: Office, data: DirectionData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the direction a title.")
    if not data.text.strip():
        errors["text"] = _("Write the direction.")
    if data.due_on < timezone.localdate():
        errors["due_on"] = _("The follow-up date cannot be in the past.")
    if data.scope not in DirectionScope.values:
        errors["scope"] = _("Choose whom the direction is addressed to.")
    elif data.scope == DirectionScope.ONE_OFFICE and not _within(office, data.target):
        errors["target"] = _("Choose the issuing office or an office below it.")
    if errors:
        raise ValidationError(errors)


def direction_issue(*, office: Office, actor: Any, data: DirectionData) -> Direction:
    """Seed a.1, b.1: a direction to the PPID of one office, or one addressee per office below."""
    role = issuer_role_of(actor, office)
    if role is None:
        raise PermissionDenied(_("You may not issue directions at this office."))
    _validate(office, data)
    with transaction.atomic():
        direction = Direction.objects.create(
            office=office,
            issuer=actor,
            issuer_role=role,
            title=data.title.strip(),
            text=data.text.strip(),
            due_on=data.due_on,
            scope=data.scope,
        )
        if data.scope == DirectionScope.ONE_OFFICE:
            assert data.target is not None
            offices = [data.target.pk]
        else:
            offices = list(office.descendants().values_list("pk", flat=True))
        # One INSERT per batch, however many offices (552 below KPU RI).
        DirectionAddressee.objects.bulk_create(
            [DirectionAddressee(direction=direction, office_id=pk) for pk in offices], batch_size=500
        )
        event_record(
            event_type=DIRECTION_ISSUED,
            obj=direction,
            actor=actor,
            actor_role=role,
            office=office,
            after={"title": direction.title, "due_on": direction.due_on, "scope": direction.scope},
            payload={"addressees": len(offices)},
        )
    return direction


def _lock(addressee: DirectionAddressee, action: str) -> DirectionAddressee:
    locked = (
        DirectionAddressee.objects.select_for_update(of=("self",))
        .select_related("direction__office", "office")
        .get(pk=addressee.pk)
    )
    if locked.status not in DIRECTION_TRANSITIONS[action]:
        raise DirectionStateError(
            _("The direction is now “%(status)s” for %(office)s; this step is not possible any more. Reload the page.")
            % {"status": AddresseeStatus(locked.status).label, "office": locked.office.name}
        )
    return locked


def _require_respond(actor: Any, addressee: DirectionAddressee) -> None:
    if not can(actor, "direction:respond", addressee.office):
        raise PermissionDenied(_("Only the PPID of the addressed office may respond to this direction."))


def _record(addressee: DirectionAddressee, event_type: str, *, actor: Any, role: str, **kwargs: Any) -> None:
    # Events sit on the direction, so its timeline is one query; the office says whose step it was.
    event_record(
        event_type=event_type,
        obj=addressee.direction,
        actor=actor,
        actor_role=role,
        office=addressee.office,
        payload={"addressee": addressee.pk, "office": addressee.office.code},
        **kwargs,
    )


def direction_acknowledge(*, addressee: DirectionAddressee, actor: Any) -> DirectionAddressee:
    """The addressed PPID says it has received the direction (seed a.1, b.1)."""
    _require_respond(actor, addressee)
    with transaction.atomic():
        locked = _lock(addressee, "direction_acknowledge")
        old = locked.status
        locked.status = AddresseeStatus.ACKNOWLEDGED
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = actor
        locked.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
        role = acting_role(actor, "direction:respond", locked.office)
        _record(
            locked,
            DIRECTION_ACKNOWLEDGED,
            actor=actor,
            role=role,
            before={"status": old},
            after={"status": locked.status},
        )
    return locked


def direction_report(
    *, addressee: DirectionAddressee, actor: Any, text: str, document: UploadedFile[bytes] | None = None
) -> DirectionReport:
    """The addressed PPID reports how it followed the direction up, as often as needed until closed."""
    _require_respond(actor, addressee)
    if not text.strip():
        raise ValidationError({"text": _("Describe the follow-up.")})
    checksum = ""
    if document is not None:
        try:
            checksum = check_upload(document).sha256
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from error
    with transaction.atomic():
        locked = _lock(addressee, "direction_report")
        old = locked.status
        report = DirectionReport(addressee=locked, text=text.strip(), created_by=actor, document_sha256=checksum)
        if document is not None:
            report.document = document
        report.save()
        locked.status = AddresseeStatus.REPORTED
        locked.last_reported_at = report.created_at
        locked.save(update_fields=["status", "last_reported_at"])
        role = acting_role(actor, "direction:respond", locked.office)
        _record(
            locked,
            DIRECTION_REPORTED,
            actor=actor,
            role=role,
            before={"status": old},
            after={"status": locked.status},
            note=report.text[:500],
        )
    return report


def direction_close(*, direction: Direction, actor: Any, note: str, addressee: DirectionAddressee | None = None) -> int:
    """The issuer closes the direction for one addressee, or for every open one; returns how many."""
    if not may_close(actor, direction):
        raise PermissionDenied(_("Only the issuer of the direction may close it."))
    if addressee is not None and addressee.direction_id != direction.pk:
        raise ValidationError({"addressee": _("This office is not an addressee of the direction.")})
    role = IssuerRole(direction.issuer_role)
    with transaction.atomic():
        if addressee is not None:
            locked = _lock(addressee, "direction_close")
            rows = [locked]
        else:
            rows = list(
                DirectionAddressee.objects.select_for_update(of=("self",))
                .select_related("direction", "office")
                .filter(direction=direction, status__in=DIRECTION_TRANSITIONS["direction_close"])
            )
            if not rows:
                raise DirectionStateError(_("Every addressee of this direction is already closed."))
        now = timezone.now()
        for row in rows:
            row.status = AddresseeStatus.CLOSED
            row.closed_at = now
            row.closed_by = actor
            row.close_note = note.strip()
        DirectionAddressee.objects.bulk_update(rows, ["status", "closed_at", "closed_by", "close_note"])
        event_record(
            event_type=DIRECTION_CLOSED,
            obj=direction,
            actor=actor,
            actor_role=str(role),
            office=rows[0].office if addressee is not None else direction.office,
            note=note.strip(),
            payload={"addressees": [row.pk for row in rows][:50], "count": len(rows)},
        )
    return len(rows)
