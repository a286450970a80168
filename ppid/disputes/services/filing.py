"""Bringing a dispute to the Komisi Informasi: recorded by the legal unit, or reported by the
requester and confirmed by the legal unit (Pasal 37-38 UU 14/2008)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can
from ppid.disputes.models import Dispute, DisputeParty
from ppid.disputes.services.common import (
    DISPUTE_RECORDED,
    DISPUTE_REGISTERED,
    DISPUTE_REPORTED,
    due_after,
    lock_for,
    record,
)
from ppid.disputes.workflow import PartyRole, Stage, target_of
from ppid.objections.models import Objection
from ppid.objections.workflow import Outcome as ObjectionOutcome
from ppid.objections.workflow import Status as ObjectionStatus
from ppid.offices.models import OfficeLevel
from ppid.requests.services.intake import next_sequence
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_set_for, rule_spec

SERIES = "dispute"


@dataclass(frozen=True)
class DisputeData:
    commission: str
    filed_on: datetime.date
    ki_case_number: str = ""
    registered_on: datetime.date | None = None
    summary: str = ""


def dispute_number(office_code: str, year: int, sequence: int) -> str:
    return f"{sequence:05d}/SIP/{office_code}/{year}"


def default_commission(objection: Objection) -> str:
    """KPU RI's disputes go to the KI Pusat; a provincial or regency office's to its province's KI."""
    office = objection.office
    if office.level == OfficeLevel.RI:
        return _("Komisi Informasi Pusat")
    province = office if office.level == OfficeLevel.PROVINSI else office.parent
    name = province.name.removeprefix("KPU Provinsi ").strip() if province else office.name
    return _("Komisi Informasi Provinsi %(name)s") % {"name": name}


def filing_window_from(objection: Objection, today: datetime.date) -> datetime.date:
    """Pasal 37 ayat (2): from the answer, or from the day after the answer period ended without one."""
    zone = objection.office.zoneinfo
    if objection.outcome == ObjectionOutcome.SETTLED:
        raise ValidationError(
            _("Objection %(number)s was settled by agreement.") % {"number": objection.objection_number}
        )
    if objection.decided_at is not None:
        return objection.decided_at.astimezone(zone).date()
    if objection.outcome == ObjectionOutcome.NOT_ADMITTED and objection.admission_decided_at is not None:
        return objection.admission_decided_at.astimezone(zone).date()
    if objection.status != ObjectionStatus.ANSWERED and today > objection.answer_due_on:
        return objection.answer_due_on + datetime.timedelta(days=1)
    raise ValidationError(
        _("The Atasan PPID has until %(day)s to answer objection %(number)s; a dispute can follow after that.")
        % {"day": date_format(objection.answer_due_on, "j F Y"), "number": objection.objection_number}
    )


def _create(objection: Objection, data: DisputeData, *, actor: Any, stage: Stage, reported: bool) -> Dispute:
    if not data.commission.strip():
        raise ValidationError({"commission": _("Name the Information Commission.")})
    office = objection.office
    today = timezone.now().astimezone(office.zoneinfo).date()
    if data.filed_on > today:
        raise ValidationError({"filed_on": _("The filing date cannot be in the future.")})
    if data.registered_on is not None and data.registered_on < data.filed_on:
        raise ValidationError({"registered_on": _("The Commission cannot register a case before it was filed.")})
    opened = filing_window_from(objection, data.filed_on)
    rule_set = rule_set_for(office, data.filed_on)
    filing_due_on = calendar_for_office(office).deadline(
        opened, rule_spec(rule_set, DeadlineStep.DISPUTE_FILING).working_days
    )
    year = data.filed_on.year
    sequence = next_sequence(office, year, SERIES)
    dispute = Dispute(
        office=office,
        objection=objection,
        request=objection.request,
        dispute_number=dispute_number(office.code, year, sequence),
        year=year,
        sequence=sequence,
        commission=data.commission.strip(),
        ki_case_number=data.ki_case_number.strip(),
        filed_on=data.filed_on,
        filing_window_from=opened,
        filing_due_on=filing_due_on,
        is_late=data.filed_on > filing_due_on,
        rule_set=rule_set,
        stage=stage,
        reported_by_requester=reported,
        summary=data.summary.strip(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if stage == Stage.REGISTERED:
        _set_registration(dispute, data.registered_on or data.filed_on)
    dispute.save()
    DisputeParty.objects.bulk_create(
        [
            DisputeParty(dispute=dispute, role=PartyRole.APPLICANT, name=objection.request.requester.name),
            DisputeParty(
                dispute=dispute, role=PartyRole.RESPONDENT, name=_("PPID %(office)s") % {"office": office.name}
            ),
        ]
    )
    return dispute


def _set_registration(dispute: Dispute, registered_on: datetime.date) -> None:
    """Pasal 38: mediation or adjudication starts within 14, and the case settles within 100, working days."""
    dispute.registered_on = registered_on
    dispute.ki_start_due_on = due_after(dispute, registered_on, DeadlineStep.KI_START)
    dispute.ki_settlement_due_on = due_after(dispute, registered_on, DeadlineStep.KI_SETTLEMENT)


def _check_no_open_dispute(objection: Objection) -> None:
    open_one = objection.disputes.exclude(stage=Stage.CLOSED).first()
    if open_one is not None:
        raise ValidationError(
            _("Dispute %(number)s on this objection is still open.") % {"number": open_one.dispute_number}
        )


def dispute_record(*, objection: Objection, actor: Any, data: DisputeData) -> Dispute:
    """The legal unit of the office's level records a case filed at the Commission."""
    if not can(actor, "dispute:manage", objection):
        raise PermissionDenied(_("Only the legal unit of this office records disputes."))
    with transaction.atomic():
        locked = (
            Objection.objects.select_for_update().select_related("office", "request__requester").get(pk=objection.pk)
        )
        _check_no_open_dispute(locked)
        dispute = _create(locked, data, actor=actor, stage=Stage.REGISTERED, reported=False)
        record(
            dispute,
            DISPUTE_RECORDED,
            actor=actor,
            permission="dispute:manage",
            after=_deadlines(dispute),
            payload={"objection": locked.objection_number, "is_late": dispute.is_late},
        )
    return dispute


def dispute_report(*, objection: Objection, actor: Any, data: DisputeData) -> Dispute:
    """The requester tells the office they went to the Commission; the legal unit confirms it."""
    if not can(actor, "dispute:report", objection):
        raise PermissionDenied(_("You may not report a dispute on this objection."))
    with transaction.atomic():
        locked = (
            Objection.objects.select_for_update().select_related("office", "request__requester").get(pk=objection.pk)
        )
        _check_no_open_dispute(locked)
        dispute = _create(locked, data, actor=actor, stage=Stage.REPORTED, reported=True)
        record(
            dispute,
            DISPUTE_REPORTED,
            actor=actor,
            permission="dispute:report",
            after=_deadlines(dispute),
            payload={"objection": locked.objection_number, "is_late": dispute.is_late},
        )
    return dispute


def dispute_confirm_registration(
    *, dispute: Dispute, actor: Any, ki_case_number: str, registered_on: datetime.date
) -> Dispute:
    if not ki_case_number.strip():
        raise ValidationError({"ki_case_number": _("Give the Commission's case number.")})
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_confirm_registration", actor=actor, permission="dispute:manage")
        if registered_on < locked.filed_on:
            raise ValidationError({"registered_on": _("The Commission cannot register a case before it was filed.")})
        locked.stage = target_of("dispute_confirm_registration")
        locked.ki_case_number = ki_case_number.strip()
        _set_registration(locked, registered_on)
        locked.save()
        record(
            locked,
            DISPUTE_REGISTERED,
            actor=actor,
            permission="dispute:manage",
            before={"stage": Stage.REPORTED},
            after={"stage": locked.stage, **_deadlines(locked)},
        )
    return locked


def _deadlines(dispute: Dispute) -> dict[str, Any]:
    return {
        "stage": dispute.stage,
        "filing_due_on": dispute.filing_due_on,
        "ki_start_due_on": dispute.ki_start_due_on,
        "ki_settlement_due_on": dispute.ki_settlement_due_on,
    }
