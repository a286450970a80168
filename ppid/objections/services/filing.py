"""Filing an objection: online from the tracking page, or at the desk (Pasal 35-36 UU 14/2008)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can
from ppid.objections.grounds import window_start
from ppid.objections.models import Objection
from ppid.objections.services.common import OBJECTION_FILED, OBJECTION_FILED_LATE, record
from ppid.objections.workflow import PENDING_STATUSES, Ground, Status
from ppid.requests.models import Channel, InformationRequest
from ppid.requests.services.intake import MAX_BACKDATE, next_sequence
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_set_for, rule_spec

SERIES = "objection"


@dataclass(frozen=True)
class ObjectionData:
    grounds: list[str]
    reasons: str
    proxy_name: str = ""


def objection_number(office_code: str, year: int, sequence: int) -> str:
    return f"{sequence:05d}/KEB/{office_code}/{year}"


def _grounds(raw: list[str]) -> list[Ground]:
    valid = {g.value for g in Ground}
    unknown = [letter for letter in raw if letter not in valid]
    if unknown:
        raise ValidationError({"grounds": _("Unknown ground: %(letters)s.") % {"letters": ", ".join(unknown)}})
    return [Ground(letter) for letter in sorted(set(raw))]


def _received_at(channel: str, received_at: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:
    """Online filings are received now; the desk may record a written objection up to 7 days late."""
    if channel == Channel.ONLINE or received_at is None:
        return now
    if received_at > now:
        raise ValidationError({"received_at": _("The moment of receipt cannot be in the future.")})
    if now - received_at > MAX_BACKDATE:
        raise ValidationError(
            {"received_at": _("An objection cannot be recorded more than 7 days after it was received.")}
        )
    return received_at


def _already_filed(submission_key: str | None, request: InformationRequest) -> Objection | None:
    if not submission_key:
        return None
    existing = Objection.objects.filter(submission_key=submission_key).first()
    if existing is not None and existing.request_id != request.pk:
        raise ValidationError(_("This form was already used. Open the form again to file a new objection."))
    return existing


def objection_file(
    *,
    request: InformationRequest,
    data: ObjectionData,
    actor: Any,
    channel: str = Channel.ONLINE,
    received_at: datetime.datetime | None = None,
    submission_key: str | None = None,
) -> Objection:
    """Register an objection with its number and filing window (Pasal 36 ayat (1) UU 14/2008).

    The requester files their own (online, `objection:file`); the desk or the PPID registers one
    received in writing (`objection:register`). A late objection is still registered, flagged late,
    and waits for the Atasan PPID to decide whether to admit it."""
    permission = "objection:register" if channel != Channel.ONLINE else "objection:file"
    if not can(actor, permission, request):
        raise PermissionDenied(_("You may not file an objection on this request."))
    if not data.reasons.strip():
        raise ValidationError({"reasons": _("Explain why you object.")})
    grounds = _grounds(data.grounds)
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().select_related("office", "requester").get(pk=request.pk)
        existing = _already_filed(submission_key, locked)
        if existing is not None:
            return existing
        open_one = Objection.objects.filter(request=locked, status__in=PENDING_STATUSES).first()
        if open_one is not None:
            raise ValidationError(
                _("Objection %(number)s on this request is still waiting for an answer.")
                % {"number": open_one.objection_number}
            )
        now = timezone.now()
        moment = _received_at(channel, received_at, now)
        office = locked.office
        local_day = moment.astimezone(office.zoneinfo).date()
        start = window_start(locked, grounds, local_day)
        rule_set = rule_set_for(office, moment)
        calendar = calendar_for_office(office)
        filing_due_on = calendar.deadline(
            start.arose_on, rule_spec(rule_set, DeadlineStep.OBJECTION_FILING).working_days
        )
        is_late = local_day > filing_due_on
        year = local_day.year
        sequence = next_sequence(office, year, SERIES)
        objection = Objection.objects.create(
            office=office,
            request=locked,
            objection_number=objection_number(office.code, year, sequence),
            year=year,
            sequence=sequence,
            grounds="".join(grounds),
            reasons=data.reasons.strip(),
            proxy_name=data.proxy_name.strip(),
            channel=channel,
            received_at=moment,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            rule_set=rule_set,
            ground_arose_on=start.arose_on,
            filing_due_on=filing_due_on,
            is_late=is_late,
            answer_due_on=calendar.deadline(moment, rule_spec(rule_set, DeadlineStep.OBJECTION_ANSWER).working_days),
            status=Status.AWAITING_ADMISSION if is_late else Status.REGISTERED,
            submission_key=submission_key or None,
        )
        record(
            objection,
            OBJECTION_FILED_LATE if is_late else OBJECTION_FILED,
            actor=actor,
            permission=permission,
            after={
                "status": objection.status,
                "grounds": objection.grounds,
                "filing_due_on": filing_due_on,
                "answer_due_on": objection.answer_due_on,
            },
            payload={"ground_arose_on": start.arose_on, "basis": start.basis, "rule_set": rule_set.name},
        )
        from ppid.objections import mail

        transaction.on_commit(lambda: mail.mail_objection_received(objection.pk), robust=True)
    return objection
