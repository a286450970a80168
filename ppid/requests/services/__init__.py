"""Every state change of an information request. Web views, API views, admin and jobs call these;
nothing else writes a request's status (STYLE.md §2)."""

from ppid.requests.services.common import RequestStateError
from ppid.requests.services.handling import (
    request_assign,
    request_complete,
    request_confirm_receipt,
    request_decide,
    request_deliver,
    request_extend,
    request_forward,
    request_lapse,
    request_mark_incomplete,
    request_withdraw,
)
from ppid.requests.services.intake import IntakeData, NewAttachment, request_submit
from ppid.requests.services.orders import request_fulfil_order, request_reopen

__all__ = [
    "IntakeData",
    "NewAttachment",
    "RequestStateError",
    "request_assign",
    "request_complete",
    "request_confirm_receipt",
    "request_decide",
    "request_deliver",
    "request_extend",
    "request_forward",
    "request_fulfil_order",
    "request_lapse",
    "request_mark_incomplete",
    "request_reopen",
    "request_submit",
    "request_withdraw",
]
