"""A request reopened by the Atasan PPID's answer to an objection, and the order's fulfilment.

Pasal 36 UU 14/2008: when the Atasan grants an objection, the PPID must provide what was asked
by the date the Atasan sets. These are the request's side of that step; the objection's own
record is written by ppid.objections.services, which calls these in the same transaction.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.events.registry import register_event_type
from ppid.requests.models import Delivery, InformationRequest
from ppid.requests.services.common import lock_for, record
from ppid.requests.workflow import target_of

REQUEST_REOPENED = register_event_type("request.reopened", gettext_lazy("Request reopened by the Atasan PPID"))
REQUEST_ORDER_FULFILLED = register_event_type(
    "request.order_fulfilled", gettext_lazy("Information provided as the Atasan PPID ordered")
)


def request_reopen(
    *, request: InformationRequest, actor: Any, due_on: datetime.date, objection_number: str
) -> InformationRequest:
    """The Atasan PPID's grant reopens fulfilment with its own deadline (Pasal 36 ayat (2) UU 14/2008)."""
    with transaction.atomic():
        locked = lock_for(request, "request_reopen", actor=actor, permission="objection:decide")
        before = {"status": locked.status, "ordered_due_on": locked.ordered_due_on}
        locked.status = target_of("request_reopen")
        locked.ordered_due_on = due_on
        locked.save(update_fields=["status", "ordered_due_on"])
        record(
            locked,
            REQUEST_REOPENED,
            actor=actor,
            permission="objection:decide",
            before=before,
            after={"status": locked.status, "ordered_due_on": due_on},
            payload={"objection": objection_number},
        )
    return locked


def request_fulfil_order(
    *,
    request: InformationRequest,
    actor: Any,
    method: str,
    delivered_at: datetime.datetime,
    proof: Any = None,
    note: str = "",
) -> InformationRequest:
    """The ordered information reaches the requester; the request is delivered again.

    The first delivery of a request is kept as it was; a later one lives on the objection and the
    timeline, so nothing earlier is overwritten."""
    if delivered_at > timezone.now():
        raise ValidationError({"delivered_at": _("The delivery date cannot be in the future.")})
    with transaction.atomic():
        locked = lock_for(request, "request_fulfil_order", actor=actor, permission="objection:fulfil_order")
        if not Delivery.objects.filter(request=locked).exists():
            Delivery.objects.create(request=locked, method=method, delivered_at=delivered_at, proof=proof or "")
        before_status = locked.status
        locked.status = target_of("request_fulfil_order")
        locked.save(update_fields=["status"])
        on_time = locked.ordered_due_on is None or delivered_at.astimezone(locked.office.zoneinfo).date() <= (
            locked.ordered_due_on
        )
        record(
            locked,
            REQUEST_ORDER_FULFILLED,
            actor=actor,
            permission="objection:fulfil_order",
            before={"status": before_status},
            after={"status": locked.status, "method": method},
            note=note,
            payload={"on_time": on_time},
        )
    return locked
