"""State changes of offices and work units. Admin and API call these; nothing else writes them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import can
from ppid.accounts.roles import Role
from ppid.events.registry import register_event_type
from ppid.events.services import event_record, snapshot
from ppid.offices.models import Office, WorkUnit

OFFICE_CREATED = register_event_type("office.created", gettext_lazy("Office added"))
OFFICE_UPDATED = register_event_type("office.updated", gettext_lazy("Office details corrected"))
WORK_UNIT_CREATED = register_event_type("work_unit.created", gettext_lazy("Work unit added"))
WORK_UNIT_UPDATED = register_event_type("work_unit.updated", gettext_lazy("Work unit corrected"))

OFFICE_EDITABLE_FIELDS = [
    "name",
    "time_zone",
    "opens_at",
    "closes_at",
    "address",
    "email",
    "phone",
    "website",
    "is_active",
]
WORK_UNIT_EDITABLE_FIELDS = ["name", "kind", "is_legal_unit", "is_active"]


def _require(actor: Any, action: str, obj: Any) -> None:
    if not can(actor, action, obj):
        raise PermissionDenied(_("You may not change this office."))


def office_create(
    *, actor: Any, parent: Office, code: str, name: str, level: str, time_zone: str, **extra: Any
) -> Office:
    """Add an office below `parent` (e.g. a new regency after a Kemendagri split)."""
    _require(actor, "office:manage", parent)
    with transaction.atomic():
        office = Office(parent=parent, code=code, name=name, level=level, time_zone=time_zone, **extra)
        office.full_clean()
        office.save()
        event_record(
            event_type=OFFICE_CREATED,
            obj=office,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=office,
            after=snapshot(office, ["code", "level", *OFFICE_EDITABLE_FIELDS]),
        )
    return office


def office_update(*, actor: Any, office: Office, changes: dict[str, Any], note: str = "") -> Office:
    """Correct an office's details; writes one event with the old and new values."""
    unknown = set(changes) - set(OFFICE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    _require(actor, "office:manage", office)
    with transaction.atomic():
        locked = Office.objects.select_for_update().get(pk=office.pk)
        before = snapshot(locked, list(changes))
        for field, value in changes.items():
            setattr(locked, field, value)
        after = snapshot(locked, list(changes))
        if before == after:
            return locked
        locked.full_clean()
        locked.save(update_fields=[*changes, "path", "province_code"])
        event_record(
            event_type=OFFICE_UPDATED,
            obj=locked,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=locked,
            before=before,
            after=after,
            note=note,
        )
    return locked


def work_unit_create(*, actor: Any, office: Office, name: str, kind: str, is_legal_unit: bool = False) -> WorkUnit:
    _require(actor, "office:manage", office)
    with transaction.atomic():
        if is_legal_unit:
            _clear_legal_unit(office)
        unit = WorkUnit(office=office, name=name, kind=kind, is_legal_unit=is_legal_unit)
        unit.full_clean()
        unit.save()
        event_record(
            event_type=WORK_UNIT_CREATED,
            obj=unit,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=office,
            after=snapshot(unit, WORK_UNIT_EDITABLE_FIELDS),
        )
    return unit


def work_unit_update(*, actor: Any, unit: WorkUnit, changes: dict[str, Any], note: str = "") -> WorkUnit:
    """Correct a work unit; flagging it as the legal unit moves the flag from the previous one."""
    unknown = set(changes) - set(WORK_UNIT_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    _require(actor, "office:manage", unit.office)
    with transaction.atomic():
        locked = WorkUnit.objects.select_for_update().get(pk=unit.pk)
        before = snapshot(locked, list(changes))
        if locked.is_legal_unit and (changes.get("is_legal_unit") is False or changes.get("is_active") is False):
            # Every office keeps exactly one legal unit: move the flag by marking another unit instead.
            raise ValidationError(
                {"is_legal_unit": _("Mark another unit as the legal unit first; an office always has one.")}
            )
        if changes.get("is_legal_unit") and not locked.is_legal_unit:
            _clear_legal_unit(locked.office, actor=actor)
        for field, value in changes.items():
            setattr(locked, field, value)
        after = snapshot(locked, list(changes))
        if before == after:
            return locked
        locked.full_clean()
        locked.save(update_fields=list(changes))
        event_record(
            event_type=WORK_UNIT_UPDATED,
            obj=locked,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=locked.office,
            before=before,
            after=after,
            note=note,
        )
    return locked


def _clear_legal_unit(office: Office, actor: Any = None) -> None:
    for previous in WorkUnit.objects.select_for_update().filter(office=office, is_legal_unit=True):
        previous.is_legal_unit = False
        previous.save(update_fields=["is_legal_unit"])
        event_record(
            event_type=WORK_UNIT_UPDATED,
            obj=previous,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=office,
            before={"is_legal_unit": True},
            after={"is_legal_unit": False},
            note=_("Legal unit flag moved to another unit."),
        )
