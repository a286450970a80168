"""Appointing people to roles and ending appointments. Admin, API and seed_demo call these."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.models import RoleMembership, User
from ppid.accounts.permissions import can
from ppid.accounts.roles import Role
from ppid.events.registry import register_event_type
from ppid.events.services import event_record, snapshot
from ppid.offices.models import Office, WorkUnit

MEMBERSHIP_GRANTED = register_event_type("membership.granted", gettext_lazy("Role granted"))
MEMBERSHIP_ENDED = register_event_type("membership.ended", gettext_lazy("Role ended"))


def _role_of(actor: Any) -> str:
    # Appointments are made by an administrator, or by the system itself (set-up, demo data).
    return Role.SYSADMIN if actor is not None else ""


_SNAPSHOT = ["user", "office", "role", "work_unit", "position", "decree_number", "valid_from", "valid_until"]


def membership_grant(
    *,
    actor: Any,
    user: User,
    office: Office,
    role: Role | str,
    work_unit: WorkUnit | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    position: str = "",
    decree_number: str = "",
) -> RoleMembership:
    """Appoint `user` to `role` at `office`. `actor=None` only for system set-up (migrations, demo)."""
    if actor is not None and not can(actor, "membership:manage", office):
        raise PermissionDenied(_("You may not appoint people at this office."))
    if work_unit is not None and work_unit.office_id != office.pk:
        raise ValidationError({"work_unit": _("The work unit belongs to another office.")})
    if role == Role.LEGAL_UNIT and work_unit is not None and not work_unit.is_legal_unit:
        raise ValidationError({"work_unit": _("The legal-unit role must be held in the office's legal unit.")})
    with transaction.atomic():
        membership = RoleMembership(
            user=user,
            office=office,
            role=role,
            work_unit=work_unit,
            position=position,
            decree_number=decree_number,
            valid_from=valid_from or timezone.localdate(),
            valid_until=valid_until,
        )
        membership.full_clean()
        membership.save()
        if user.kind != "staff":
            user.kind = "staff"
            user.save(update_fields=["kind"])
        event_record(
            event_type=MEMBERSHIP_GRANTED,
            obj=membership,
            actor=actor,
            actor_role=_role_of(actor),
            office=office,
            after=snapshot(membership, _SNAPSHOT),
        )
    return membership


def membership_end(*, actor: Any, membership: RoleMembership, on: datetime.date, note: str = "") -> RoleMembership:
    """End an appointment on `on` (inclusive). The row stays: history of who held what is kept."""
    if actor is not None and not can(actor, "membership:manage", membership.office):
        raise PermissionDenied(_("You may not end appointments at this office."))
    with transaction.atomic():
        locked = RoleMembership.objects.select_for_update().get(pk=membership.pk)
        if locked.valid_until is not None and locked.valid_until <= on:
            return locked
        before = snapshot(locked, ["valid_until"])
        locked.valid_until = on
        locked.full_clean()
        locked.save(update_fields=["valid_until"])
        event_record(
            event_type=MEMBERSHIP_ENDED,
            obj=locked,
            actor=actor,
            actor_role=_role_of(actor),
            office=locked.office,
            before=before,
            after=snapshot(locked, ["valid_until"]),
            note=note,
        )
    return locked
