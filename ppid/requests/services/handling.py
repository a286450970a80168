"""Transitions after registration: completeness, routing, extension, decision, delivery."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import TrackingVisitor, active_memberships
from ppid.accounts.roles import Role
from ppid.offices.models import Office, WorkUnit
from ppid.requests import mail
from ppid.requests.models import (
    Delivery,
    ExemptionGround,
    InformationRequest,
    NoticeCost,
    RequestAssignment,
    WrittenNotice,
)
from ppid.requests.services.common import (
    REQUEST_ASSIGNED,
    REQUEST_COMPLETED,
    REQUEST_DECIDED,
    REQUEST_DELIVERED,
    REQUEST_EXTENDED,
    REQUEST_FORWARDED,
    REQUEST_LAPSED,
    REQUEST_MARKED_INCOMPLETE,
    REQUEST_RECEIPT_CONFIRMED,
    REQUEST_RECEIVED_BY_FORWARD,
    REQUEST_WITHDRAWN,
    RequestStateError,
    add_working_days,
    due_after,
    lock_for,
    record,
)
from ppid.requests.services.intake import NewAttachment, attach, next_sequence, registration_number
from ppid.requests.workflow import Outcome, Status, allowed_from, target_of
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_set_for


def _today(request: InformationRequest) -> datetime.date:
    return timezone.now().astimezone(request.office.zoneinfo).date()


def request_mark_incomplete(*, request: InformationRequest, actor: Any, missing: str) -> InformationRequest:
    """KPU completeness rule (RULES.md §4 [verify]): name what is missing within the rule-set period;
    the response clock stops until the requester completes it."""
    if not missing.strip():
        raise ValidationError({"missing": _("Say what the requester must still provide.")})
    with transaction.atomic():
        locked = lock_for(request, "request_mark_incomplete", actor=actor, permission="request:mark_incomplete")
        if locked.completeness_check_due_on and _today(locked) > locked.completeness_check_due_on:
            raise RequestStateError(
                _("The period to declare this request incomplete ended on %(day)s.")
                % {"day": locked.completeness_check_due_on.isoformat()}
            )
        before = {"status": locked.status, "notice_due_on": locked.notice_due_on}
        locked.status = target_of("request_mark_incomplete")
        locked.missing_requirements = missing
        locked.clock_started_at = None
        locked.notice_due_on = None
        locked.marked_incomplete_at = timezone.now()
        locked.completion_due_on = due_after(locked, locked.marked_incomplete_at, DeadlineStep.COMPLETENESS_COMPLETION)
        locked.save(
            update_fields=[
                "status",
                "missing_requirements",
                "clock_started_at",
                "notice_due_on",
                "marked_incomplete_at",
                "completion_due_on",
            ]
        )
        record(
            locked,
            REQUEST_MARKED_INCOMPLETE,
            actor=actor,
            permission="request:mark_incomplete",
            before=before,
            after={"status": locked.status, "completion_due_on": locked.completion_due_on},
            note=missing,
        )
        transaction.on_commit(lambda: mail.mail_incomplete(locked.pk), robust=True)
    return locked


def request_complete(
    *, request: InformationRequest, actor: Any, note: str = "", attachments: Iterable[NewAttachment] = ()
) -> InformationRequest:
    """The requester (online) or the desk (in person) supplies what was missing; the clock starts now.

    A request already routed to units goes back to them (in progress); otherwise it is registered.
    """
    is_requester = isinstance(actor, TrackingVisitor) or request.owner_user_id == getattr(actor, "pk", None)
    permission = "request:complete" if is_requester else "request:record_completion"
    with transaction.atomic():
        locked = lock_for(request, "request_complete", actor=actor, permission=permission)
        if locked.completion_due_on and _today(locked) > locked.completion_due_on:
            raise RequestStateError(
                _("The period to complete this request ended on %(day)s.")
                % {"day": locked.completion_due_on.isoformat()}
            )
        now = timezone.now()
        for attachment in attachments:
            attach(locked, attachment)
        # A request already routed to units goes back to them rather than to the register.
        locked.status = Status.IN_PROGRESS if locked.assignments.exists() else target_of("request_complete")
        locked.clock_started_at = now
        locked.notice_due_on = due_after(locked, now, DeadlineStep.REQUEST_NOTICE)
        locked.save(update_fields=["status", "clock_started_at", "notice_due_on"])
        record(
            locked,
            REQUEST_COMPLETED,
            actor=actor,
            permission=permission,
            before={"status": Status.INCOMPLETE},
            after={"status": locked.status, "notice_due_on": locked.notice_due_on},
            note=note,
        )
        transaction.on_commit(lambda: mail.mail_completed(locked.pk), robust=True)
    return locked


def request_lapse(*, request: InformationRequest) -> InformationRequest:
    """Run by the daily job: an incomplete request not completed in time is not processed further."""
    with transaction.atomic():
        locked = InformationRequest.objects.select_for_update().select_related("office").get(pk=request.pk)
        if (
            locked.status not in allowed_from("request_lapse")
            or not locked.completion_due_on
            or _today(locked) <= locked.completion_due_on
        ):
            return locked
        locked.status = target_of("request_lapse")
        locked.save(update_fields=["status"])
        record(
            locked,
            REQUEST_LAPSED,
            actor=None,
            permission="request:view",
            before={"status": Status.INCOMPLETE},
            after={"status": locked.status},
        )
    return locked


def request_assign(
    *, request: InformationRequest, actor: Any, work_units: Iterable[WorkUnit], note: str = ""
) -> InformationRequest:
    """The desk or the PPID routes the request to the units whose liaison teams prepare the answer (seed e.1, f)."""
    units = list(work_units)
    if not units:
        raise ValidationError({"work_units": _("Choose at least one work unit.")})
    with transaction.atomic():
        locked = lock_for(request, "request_assign", actor=actor, permission="request:assign")
        if any(unit.office_id != locked.office_id for unit in units):
            raise ValidationError(
                {"work_units": _("Only units of this office can be assigned; forward the request instead.")}
            )
        existing = set(locked.assignments.values_list("work_unit_id", flat=True))
        new_units = [unit for unit in units if unit.pk not in existing]
        if not new_units:
            return locked
        RequestAssignment.objects.bulk_create(
            [RequestAssignment(request=locked, work_unit=u, note=note) for u in new_units]
        )
        before_status = locked.status
        locked.status = target_of("request_assign")
        locked.save(update_fields=["status"])
        record(
            locked,
            REQUEST_ASSIGNED,
            actor=actor,
            permission="request:assign",
            before={"status": before_status},
            after={"status": locked.status, "work_units": [u.name for u in new_units]},
            note=note,
        )
    return locked


def request_extend(*, request: InformationRequest, actor: Any, reason: str) -> InformationRequest:
    """Pasal 22 ayat (8) UU 14/2008: one extension, before the deadline, with a written reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("An extension needs a written reason.")})
    with transaction.atomic():
        locked = lock_for(request, "request_extend", actor=actor, permission="request:extend")
        if locked.extended_due_on is not None:
            raise RequestStateError(_("This request has already been extended once; the law allows one extension."))
        if locked.notice_due_on is None or _today(locked) > locked.notice_due_on:
            raise RequestStateError(_("An extension must be given before the deadline passes."))
        locked.extended_due_on = add_working_days(locked, locked.notice_due_on, DeadlineStep.REQUEST_EXTENSION)
        locked.extension_reason = reason
        locked.save(update_fields=["extended_due_on", "extension_reason"])
        record(
            locked,
            REQUEST_EXTENDED,
            actor=actor,
            permission="request:extend",
            before={"due_on": locked.notice_due_on},
            after={"due_on": locked.extended_due_on},
            note=reason,
        )
        transaction.on_commit(lambda: mail.mail_extended(locked.pk), robust=True)
    return locked


@dataclass
class NoticeData:
    """The content of the written notice, Pasal 22 ayat (7) huruf a-g."""

    outcome: Outcome
    delivery_method: str
    reasoning: str = ""
    holder_body: str = ""
    exemption_ground: str = ""
    information_given: str = ""
    blacked_out: str = ""
    delivery_format: str = ""
    payment_instructions: str = ""
    costs: list[tuple[str, int, int]] = field(default_factory=list)  # (item, quantity, unit price)
    exemption_id: int | None = None  # the DIK entry a refusal relies on (ppid.exemptions)


def _check_notice(data: NoticeData) -> None:
    errors: dict[str, str] = {}
    if data.exemption_ground and data.exemption_ground not in ExemptionGround.values:
        errors["exemption_ground"] = _("Choose one of the grounds of Pasal 17 letters a to j.")
    if data.outcome == Outcome.REFUSED:
        if not data.exemption_ground:
            errors["exemption_ground"] = _("A refusal names its Pasal 17 ground.")
        if not data.reasoning.strip():
            errors["reasoning"] = _("A refusal gives its reasons (consequence test).")
    if data.outcome == Outcome.GRANTED_PART:
        if not data.exemption_ground:
            errors["exemption_ground"] = _("Say on which Pasal 17 ground parts are blacked out.")
        if not data.blacked_out.strip():
            errors["blacked_out"] = _("Say which parts are blacked out and why.")
    if data.outcome in (Outcome.GRANTED_FULL, Outcome.GRANTED_PART) and not data.information_given.strip():
        errors["information_given"] = _("Say what information will be given.")
    if data.outcome == Outcome.NOT_HELD and not data.holder_body.strip():
        errors["holder_body"] = _("Name the public body that holds the information, if known; otherwise say so.")
    if data.outcome == Outcome.NOT_DOCUMENTED and not data.reasoning.strip():
        errors["reasoning"] = _("Explain that the information has not been documented yet (Pasal 6 ayat (3)).")
    if errors:
        raise ValidationError(errors)


def _exemption_for(data: NoticeData, office: Office) -> tuple[Any, str]:
    """The DIK entry a refusal relies on, checked to be in force for `office` today; with the Pasal 17
    letter it gives (Pasal 19 UU 14/2008: a refusal rests on a consequence test)."""
    if data.exemption_id is None:
        return None, data.exemption_ground
    from ppid.exemptions.selectors import applicable_exemptions
    from ppid.exemptions.workflow import LegalBasisKind

    today = timezone.now().astimezone(office.zoneinfo).date()
    exemption = applicable_exemptions(office, today).filter(pk=data.exemption_id).first()
    if exemption is None:
        raise ValidationError({"exemption": _("This exemption is not in force for this office.")})
    if data.outcome not in (Outcome.REFUSED, Outcome.GRANTED_PART):
        raise ValidationError({"exemption": _("Only a refusal, in whole or in part, relies on an exemption.")})
    letter = exemption.pasal17_letter if exemption.basis_kind == LegalBasisKind.PASAL_17 else "j"
    if data.exemption_ground and data.exemption_ground != letter:
        raise ValidationError(
            {"exemption_ground": _("The exemption chosen rests on Pasal 17 letter %(letter)s.") % {"letter": letter}}
        )
    return exemption, letter


def _working_days_taken(request: InformationRequest, issued_at: datetime.datetime) -> int | None:
    """Working days from the clock's day 0 to the notice: the count the deadline uses (RULES.md §7)."""
    if request.clock_started_at is None:
        return None
    calendar = calendar_for_office(request.office)
    day_zero, _reason = calendar.day_zero(request.clock_started_at)
    issued = issued_at.astimezone(request.office.zoneinfo).date()
    return max(calendar.count_working_days(day_zero, issued), 0)


def _signer(actor: Any, office: Office) -> tuple[str, str]:
    membership = next((m for m in active_memberships(actor) if m.office_id == office.pk and m.role == Role.PPID), None)
    position = (membership.position if membership else "") or _("PPID of %(office)s") % {"office": office.name}
    return str(actor), position


def request_decide(*, request: InformationRequest, actor: Any, data: NoticeData) -> WrittenNotice:
    """The PPID decides and issues the written notice (Pasal 22 ayat (7) UU 14/2008), signed in their name."""
    with transaction.atomic():
        locked = lock_for(request, "request_decide", actor=actor, permission="request:decide")
        exemption, ground = _exemption_for(data, locked.office)
        if exemption is not None:
            data = replace(data, exemption_ground=ground)
        _check_notice(data)
        if locked.status == Status.REOPENED and WrittenNotice.objects.filter(request=locked).exists():
            raise RequestStateError(
                _("Request %(number)s already has a written notice; provide what the Atasan PPID ordered.")
                % {"number": locked.registration_number}
            )
        name, position = _signer(actor, locked.office)
        notice = WrittenNotice.objects.create(
            request=locked,
            outcome=data.outcome,
            holder_body=data.holder_body,
            exemption_ground=data.exemption_ground,
            exemption=exemption,
            reasoning=data.reasoning,
            information_given=data.information_given,
            blacked_out=data.blacked_out,
            delivery_method=data.delivery_method,
            delivery_format=data.delivery_format,
            payment_instructions=data.payment_instructions,
            signed_by=actor,
            signer_name=name,
            signer_position=position,
            issued_at=timezone.now(),
        )
        NoticeCost.objects.bulk_create(
            [
                NoticeCost(notice=notice, description=item, quantity=qty, unit_price=price)
                for item, qty, price in data.costs
            ]
        )
        before = {"status": locked.status, "outcome": locked.outcome}
        locked.status = target_of("request_decide")
        locked.outcome = data.outcome
        locked.working_days_taken = _working_days_taken(locked, notice.issued_at)
        locked.save(update_fields=["status", "outcome", "working_days_taken"])
        on_time = locked.due_on is None or notice.issued_at.astimezone(locked.office.zoneinfo).date() <= locked.due_on
        record(
            locked,
            REQUEST_DECIDED,
            actor=actor,
            permission="request:decide",
            before=before,
            after={"status": locked.status, "outcome": locked.outcome},
            payload={"on_time": on_time, "exemption_ground": data.exemption_ground},
        )
        transaction.on_commit(lambda: mail.mail_decided(notice.pk), robust=True)
    return notice


def request_forward(
    *, request: InformationRequest, actor: Any, to_office: Office, note: str = ""
) -> InformationRequest:
    """A request for information another KPU office holds goes to that office, linked both ways;
    its clock starts there on the day of forwarding."""
    with transaction.atomic():
        locked = lock_for(request, "request_forward", actor=actor, permission="request:forward")
        if to_office.pk == locked.office_id:
            raise ValidationError({"to_office": _("Choose another office than this one.")})
        now = timezone.now()
        year = now.astimezone(to_office.zoneinfo).year
        sequence = next_sequence(to_office, year)
        copy = InformationRequest(
            office=to_office,
            year=year,
            sequence=sequence,
            registration_number=registration_number(to_office, year, sequence),
            requester=locked.requester,
            channel=locked.channel,
            information_requested=locked.information_requested,
            purpose=locked.purpose,
            obtain_method=locked.obtain_method,
            delivery_method=locked.delivery_method,
            received_at=now,
            recorded_by=actor,
            rule_set=rule_set_for(to_office, now),
            clock_started_at=now,
        )
        copy.notice_due_on = due_after(copy, now, DeadlineStep.REQUEST_NOTICE)
        copy.completeness_check_due_on = due_after(copy, now, DeadlineStep.COMPLETENESS_NOTICE)
        copy.save()
        before_status = locked.status
        locked.status = target_of("request_forward")
        locked.forwarded_to = copy
        locked.save(update_fields=["status", "forwarded_to"])
        record(
            locked,
            REQUEST_FORWARDED,
            actor=actor,
            permission="request:forward",
            before={"status": before_status},
            after={"status": locked.status, "forwarded_to": copy.registration_number},
            note=note,
        )
        record(
            copy,
            REQUEST_RECEIVED_BY_FORWARD,
            actor=actor,
            permission="request:forward",
            after={"status": copy.status, "notice_due_on": copy.notice_due_on},
            payload={"forwarded_from": locked.registration_number},
            note=note,
            acted_at=locked,
        )
    return copy


def request_deliver(
    *,
    request: InformationRequest,
    actor: Any,
    method: str,
    delivered_at: datetime.datetime | None = None,
    proof: Any = None,
    amount_paid: int = 0,
) -> Delivery:
    """The desk hands over or sends the information by the chosen means, with date and proof (seed f)."""
    with transaction.atomic():
        locked = lock_for(request, "request_deliver", actor=actor, permission="request:hand_over")
        moment = delivered_at or timezone.now()
        if moment > timezone.now():
            raise ValidationError({"delivered_at": _("The delivery date cannot be in the future.")})
        delivery = Delivery.objects.create(
            request=locked,
            method=method,
            delivered_at=moment,
            proof=proof or "",
            amount_paid=amount_paid,
            paid_at=moment if amount_paid else None,
        )
        locked.status = target_of("request_deliver")
        locked.save(update_fields=["status"])
        record(
            locked,
            REQUEST_DELIVERED,
            actor=actor,
            permission="request:hand_over",
            before={"status": Status.DECIDED},
            after={"status": locked.status, "method": method, "amount_paid": amount_paid},
        )
        transaction.on_commit(lambda: mail.mail_delivered(locked.pk), robust=True)
    return delivery


def request_confirm_receipt(*, request: InformationRequest, actor: Any) -> InformationRequest:
    """The requester confirms they received the information; the request closes."""
    with transaction.atomic():
        locked = lock_for(request, "request_confirm_receipt", actor=actor, permission="request:confirm_receipt")
        Delivery.objects.filter(request=locked).update(confirmed_at=timezone.now())
        locked.status = target_of("request_confirm_receipt")
        locked.save(update_fields=["status"])
        record(
            locked,
            REQUEST_RECEIPT_CONFIRMED,
            actor=actor,
            permission="request:confirm_receipt",
            before={"status": Status.DELIVERED},
            after={"status": locked.status},
        )
    return locked


def request_withdraw(*, request: InformationRequest, actor: Any, reason: str = "") -> InformationRequest:
    with transaction.atomic():
        locked = lock_for(request, "request_withdraw", actor=actor, permission="request:withdraw")
        before_status = locked.status
        locked.status = target_of("request_withdraw")
        locked.save(update_fields=["status"])
        record(
            locked,
            REQUEST_WITHDRAWN,
            actor=actor,
            permission="request:withdraw",
            before={"status": before_status},
            after={"status": locked.status},
            note=reason,
        )
    return locked
