"""After registration: admission of a late objection, settlement by agreement, the Atasan PPID's
answer, carrying out its order, and the requester's reaction (Pasal 35-36 UU 14/2008)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import active_memberships, can
from ppid.accounts.roles import Role
from ppid.objections.models import Objection
from ppid.objections.services.common import (
    OBJECTION_ADMITTED,
    OBJECTION_GRANTED,
    OBJECTION_NOT_ADMITTED,
    OBJECTION_ORDER_FULFILLED,
    OBJECTION_REACTION,
    OBJECTION_SETTLED,
    OBJECTION_SETTLEMENT_PROPOSED,
    OBJECTION_SETTLEMENT_REJECTED,
    OBJECTION_UPHELD,
    ObjectionStateError,
    local_today,
    lock_for,
    record,
)
from ppid.objections.workflow import SETTLEABLE_GROUNDS, Ground, Outcome, Reaction, Status, target_of
from ppid.requests.models import DeliveryMethod
from ppid.requests.services.orders import request_fulfil_order, request_reopen
from ppid.requests.workflow import Status as RequestStatus


def _required(field: str, value: str, message: str) -> str:
    if not value.strip():
        raise ValidationError({field: message})
    return value.strip()


def objection_admit(*, objection: Objection, actor: Any, reasons: str) -> Objection:
    """The Atasan PPID admits a late objection, with reasons (part of answering objections, seed c.2)."""
    reasons = _required("reasons", reasons, _("Give the reasons for admitting the late objection."))
    with transaction.atomic():
        locked = lock_for(objection, "objection_admit", actor=actor, permission="objection:admit")
        locked.status = target_of("objection_admit")
        locked.admission_reasons = reasons
        locked.admission_decided_at = timezone.now()
        locked.save(update_fields=["status", "admission_reasons", "admission_decided_at"])
        record(
            locked,
            OBJECTION_ADMITTED,
            actor=actor,
            permission="objection:admit",
            before={"status": Status.AWAITING_ADMISSION},
            after={"status": locked.status},
            note=reasons,
        )
    return locked


def objection_refuse_admission(*, objection: Objection, actor: Any, reasons: str) -> Objection:
    """The Atasan PPID does not admit a late objection (Pasal 36 ayat (1): 30 working days), with reasons."""
    reasons = _required("reasons", reasons, _("Give the reasons for not admitting the late objection."))
    with transaction.atomic():
        locked = lock_for(objection, "objection_refuse_admission", actor=actor, permission="objection:admit")
        locked.status = target_of("objection_refuse_admission")
        locked.outcome = Outcome.NOT_ADMITTED
        locked.admission_reasons = reasons
        locked.admission_decided_at = timezone.now()
        locked.save(update_fields=["status", "outcome", "admission_reasons", "admission_decided_at"])
        record(
            locked,
            OBJECTION_NOT_ADMITTED,
            actor=actor,
            permission="objection:admit",
            before={"status": Status.AWAITING_ADMISSION},
            after={"status": locked.status, "outcome": locked.outcome},
            note=reasons,
        )
    return locked


def objection_propose_settlement(*, objection: Objection, actor: Any, terms: str) -> Objection:
    """The PPID records what was agreed with the requester (Pasal 35 ayat (2): grounds b-g only)."""
    terms = _required("terms", terms, _("Describe what was agreed with the requester."))
    with transaction.atomic():
        locked = lock_for(objection, "objection_propose_settlement", actor=actor, permission="objection:settle")
        if Ground.A in locked.ground_list or not set(locked.ground_list) <= SETTLEABLE_GROUNDS:
            raise ValidationError(
                _("Ground a (a refusal under Pasal 17) cannot be settled by agreement; the Atasan PPID must answer.")
            )
        locked.status = target_of("objection_propose_settlement")
        locked.settlement_terms = terms
        locked.settlement_recorded_at = timezone.now()
        locked.save(update_fields=["status", "settlement_terms", "settlement_recorded_at"])
        record(
            locked,
            OBJECTION_SETTLEMENT_PROPOSED,
            actor=actor,
            permission="objection:settle",
            before={"status": Status.REGISTERED},
            after={"status": locked.status},
            note=terms,
        )
    return locked


def objection_confirm_settlement(*, objection: Objection, actor: Any, confirmation: str = "") -> Objection:
    """The requester confirms the agreement (themselves, or the PPID records how they confirmed); it closes."""
    with transaction.atomic():
        locked = lock_for(
            objection, "objection_confirm_settlement", actor=actor, permission=_settlement_permission(actor, objection)
        )
        if _settlement_permission(actor, locked) == "objection:settle":
            confirmation = _required(
                "confirmation", confirmation, _("Say how the requester confirmed (letter, e-mail, signed minutes).")
            )
        locked.status = target_of("objection_confirm_settlement")
        locked.outcome = Outcome.SETTLED
        locked.settlement_confirmed_at = timezone.now()
        locked.settlement_confirmation = confirmation.strip() or _("Confirmed by the requester online.")
        locked.save(update_fields=["status", "outcome", "settlement_confirmed_at", "settlement_confirmation"])
        record(
            locked,
            OBJECTION_SETTLED,
            actor=actor,
            permission=_settlement_permission(actor, locked),
            before={"status": Status.SETTLEMENT_PENDING},
            after={"status": locked.status, "outcome": locked.outcome},
            note=locked.settlement_confirmation,
        )
    return locked


def objection_reject_settlement(*, objection: Objection, actor: Any, note: str = "") -> Objection:
    """The requester does not confirm; the objection goes back to the Atasan PPID."""
    with transaction.atomic():
        permission = _settlement_permission(actor, objection)
        locked = lock_for(objection, "objection_reject_settlement", actor=actor, permission=permission)
        locked.status = target_of("objection_reject_settlement")
        locked.save(update_fields=["status"])
        record(
            locked,
            OBJECTION_SETTLEMENT_REJECTED,
            actor=actor,
            permission=permission,
            before={"status": Status.SETTLEMENT_PENDING},
            after={"status": locked.status},
            note=note,
        )
    return locked


def _settlement_permission(actor: Any, objection: Objection) -> str:
    """The requester answers for themselves; the PPID may record the answer they gave outside the system."""
    return (
        "objection:confirm_settlement" if can(actor, "objection:confirm_settlement", objection) else "objection:settle"
    )


def _atasan_position(actor: Any, objection: Objection) -> str:
    membership = next(
        (m for m in active_memberships(actor) if m.office_id == objection.office_id and m.role == Role.ATASAN), None
    )
    return (membership.position if membership else "") or _("Atasan PPID of %(office)s") % {
        "office": objection.office.name
    }


def objection_decide(
    *,
    objection: Objection,
    actor: Any,
    grant: bool,
    reasons: str,
    order_text: str = "",
    order_due_on: datetime.date | None = None,
) -> Objection:
    """The Atasan PPID answers in writing (Pasal 36 ayat (2) UU 14/2008).

    Upholding the PPID needs reasons (Pasal 36 ayat (3)); granting orders the PPID to provide what
    was asked by a date, which reopens the request with that deadline. The letter is rendered
    after the commit (ppid.objections.pdf)."""
    errors: dict[str, str] = {}
    if not reasons.strip():
        errors["reasons"] = (
            _("Give the reasons for granting the objection.")
            if grant
            else _("Give the reasons for upholding the PPID's decision (Pasal 36 ayat (3)).")
        )
    if grant and not order_text.strip():
        errors["order_text"] = _("Say what the PPID must provide.")
    if grant and order_due_on is None:
        errors["order_due_on"] = _("Set the date by which the PPID must provide it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_for(objection, "objection_decide", actor=actor, permission="objection:decide")
        if grant and order_due_on is not None and order_due_on < local_today(locked):
            raise ValidationError({"order_due_on": _("The date for the PPID cannot be in the past.")})
        before = {"status": locked.status, "outcome": locked.outcome}
        locked.status = target_of("objection_decide")
        locked.outcome = Outcome.GRANTED if grant else Outcome.UPHELD
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.signer_name = str(actor)
        locked.signer_position = _atasan_position(actor, locked)
        locked.decision_reasons = reasons.strip()
        locked.order_text = order_text.strip() if grant else ""
        locked.order_due_on = order_due_on if grant else None
        locked.save()
        on_time = locked.decided_at.astimezone(locked.office.zoneinfo).date() <= locked.answer_due_on
        record(
            locked,
            OBJECTION_GRANTED if grant else OBJECTION_UPHELD,
            actor=actor,
            permission="objection:decide",
            before=before,
            after={"status": locked.status, "outcome": locked.outcome, "order_due_on": locked.order_due_on},
            note=locked.decision_reasons,
            payload={"on_time": on_time},
        )
        if grant and order_due_on is not None:
            request_reopen(
                request=locked.request, actor=actor, due_on=order_due_on, objection_number=locked.objection_number
            )
        from ppid.objections import letters

        transaction.on_commit(lambda: letters.answer_issued(locked.pk), robust=True)
    return locked


def objection_fulfil_order(
    *,
    objection: Objection,
    actor: Any,
    method: str,
    delivered_at: datetime.datetime | None = None,
    proof: Any = None,
    note: str = "",
) -> Objection:
    """The PPID provides what the Atasan PPID ordered (Pasal 36 UU 14/2008); a reopened request is
    delivered again. A request that went through its own notice and delivery after the grant
    (ground c) only has the order marked as carried out."""
    if method not in DeliveryMethod.values:
        raise ValidationError({"method": _("Choose how the information was provided.")})
    with transaction.atomic():
        locked = lock_for(objection, "objection_fulfil_order", actor=actor, permission="objection:fulfil_order")
        if not locked.order_open:
            raise ObjectionStateError(_("There is no open order of the Atasan PPID on this objection."))
        moment = delivered_at or timezone.now()
        request_status = locked.request.status
        if request_status == RequestStatus.REOPENED:
            request_fulfil_order(
                request=locked.request, actor=actor, method=method, delivered_at=moment, proof=proof, note=note
            )
        elif request_status not in (RequestStatus.DELIVERED, RequestStatus.CLOSED):
            # A request never answered (ground c) first gets its notice, then is handed over.
            raise ObjectionStateError(
                _("Request %(number)s has a written notice now: hand the information over on the request first.")
                % {"number": locked.request.registration_number}
            )
        locked.order_fulfilled_at = moment
        locked.order_delivery_method = method
        if proof:
            locked.order_proof = proof
        locked.save(update_fields=["order_fulfilled_at", "order_delivery_method", "order_proof"])
        on_time = locked.order_due_on is None or moment.astimezone(locked.office.zoneinfo).date() <= locked.order_due_on
        record(
            locked,
            OBJECTION_ORDER_FULFILLED,
            actor=actor,
            permission="objection:fulfil_order",
            after={"order_fulfilled_at": moment, "order_delivery_method": method},
            note=note,
            payload={"on_time": on_time},
        )
    return locked


def objection_record_reaction(*, objection: Objection, actor: Any, reaction: str, note: str = "") -> Objection:
    """The requester's reaction to the answer, for the register (Perki 1/2021): accepts, or goes to the KI."""
    if reaction not in Reaction.values:
        raise ValidationError({"reaction": _("Choose the requester's reaction.")})
    permission = "objection:react" if can(actor, "objection:react", objection) else "objection:record_reaction"
    with transaction.atomic():
        locked = lock_for(objection, "objection_record_reaction", actor=actor, permission=permission)
        before = {"reaction": locked.reaction}
        locked.reaction = reaction
        locked.reaction_note = note.strip()
        locked.reaction_at = timezone.now()
        locked.save(update_fields=["reaction", "reaction_note", "reaction_at"])
        record(
            locked,
            OBJECTION_REACTION,
            actor=actor,
            permission=permission,
            before=before,
            after={"reaction": reaction},
            note=locked.reaction_note,
        )
    return locked
