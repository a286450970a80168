"""One POST endpoint per transition, each calling the one service function that performs it.

Every action answers with the request's detail (200); a refused step answers 400 (invalid input,
field by field), 403 (the role may not), 404 (not visible) or 409 (the state does not allow it,
e.g. another officer changed it first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.offices.models import WorkUnit
from ppid.requests.api.common import (
    ERROR_RESPONSES,
    REF_PARAMETER,
    BadRequest,
    call,
    checked_upload_or_400,
    office_or_400,
    request_for_user,
)
from ppid.requests.api.serializers import (
    AssignInput,
    DecideInput,
    DeliverInput,
    ForwardInput,
    MarkIncompleteInput,
    NoteInput,
    OptionalReasonInput,
    ReasonInput,
    RequestDetailOutput,
)
from ppid.requests.api.views import detail_response
from ppid.requests.models import InformationRequest
from ppid.requests.services import (
    request_assign,
    request_complete,
    request_confirm_receipt,
    request_decide,
    request_deliver,
    request_extend,
    request_forward,
    request_mark_incomplete,
    request_withdraw,
)
from ppid.requests.services.handling import NoticeData

F = TypeVar("F", bound=Callable[..., Response])
RESPONSES = {200: RequestDetailOutput, **ERROR_RESPONSES}


def _action_schema(input_serializer: type[serializers.Serializer[Any]] | None, summary: str) -> Callable[[F], F]:
    body: Any = input_serializer
    if input_serializer is DeliverInput:
        body = {"application/json": DeliverInput, "multipart/form-data": DeliverInput}
    decorator: Callable[[F], F] = extend_schema(
        request=body, parameters=[REF_PARAMETER], responses=RESPONSES, summary=summary
    )
    return decorator


class _Action(APIView):
    """Fetch the request (404 unless the caller may see it), validate the input, run the service."""

    input_serializer: type[serializers.Serializer[Any]] | None = None

    def _begin(self, request: Request, ref: str) -> tuple[InformationRequest, dict[str, Any]]:
        found = request_for_user(request.user, ref)
        if self.input_serializer is None:
            return found, {}
        form = self.input_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        return found, dict(form.validated_data)

    def _done(self, request: Request, found: InformationRequest) -> Response:
        return detail_response(request.user, str(found.pk))


class AssignView(_Action):
    input_serializer = AssignInput

    @_action_schema(AssignInput, "Assign the request to work units of its office (the desk or the PPID)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        ids = set(data["work_units"])
        units = list(WorkUnit.objects.filter(pk__in=ids, is_active=True))
        if len(units) != len(ids):
            raise BadRequest({"work_units": [_("Some of these work units do not exist.")]})
        call(request_assign, request=found, actor=request.user, work_units=units, note=data["note"])
        return self._done(request, found)


class MarkIncompleteView(_Action):
    input_serializer = MarkIncompleteInput

    @_action_schema(MarkIncompleteInput, "Mark the request incomplete, naming what is missing (the clock stops)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        call(request_mark_incomplete, request=found, actor=request.user, missing=data["missing"])
        return self._done(request, found)


class CompleteView(_Action):
    input_serializer = NoteInput

    @_action_schema(NoteInput, "Complete an incomplete request (its requester, or the desk); the clock starts")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        call(request_complete, request=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class ExtendView(_Action):
    input_serializer = ReasonInput

    @_action_schema(ReasonInput, "Extend the deadline once, before it passes, with a written reason (the PPID)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        call(request_extend, request=found, actor=request.user, reason=data["reason"])
        return self._done(request, found)


class DecideView(_Action):
    input_serializer = DecideInput

    @_action_schema(DecideInput, "Decide and issue the written notice, Pasal 22 ayat (7) a-g (the PPID)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        costs = [(line["description"], line["quantity"], line["unit_price"]) for line in data.pop("costs")]
        call(request_decide, request=found, actor=request.user, data=NoticeData(**data, costs=costs))
        return self._done(request, found)


class DeliverView(_Action):
    input_serializer = DeliverInput

    @_action_schema(DeliverInput, "Record delivery by the chosen means, with date, proof and payment (the desk)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        proof = checked_upload_or_400(data["proof"], "proof")
        call(
            request_deliver,
            request=found,
            actor=request.user,
            method=data["delivery_method"],
            delivered_at=data["delivered_at"],
            proof=proof,
            amount_paid=data["amount_paid"],
        )
        return self._done(request, found)


class ForwardView(_Action):
    input_serializer = ForwardInput

    @_action_schema(ForwardInput, "Forward the request to the KPU office that holds the information (the PPID)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        to_office = office_or_400(data["to_office"], "to_office")
        call(request_forward, request=found, actor=request.user, to_office=to_office, note=data["note"])
        return self._done(request, found)


class WithdrawView(_Action):
    input_serializer = OptionalReasonInput

    @_action_schema(OptionalReasonInput, "Withdraw the request (its requester)")
    def post(self, request: Request, ref: str) -> Response:
        found, data = self._begin(request, ref)
        call(request_withdraw, request=found, actor=request.user, reason=data["reason"])
        return self._done(request, found)


class ConfirmReceiptView(_Action):
    @_action_schema(None, "Confirm that the information was received (its requester); the request closes")
    def post(self, request: Request, ref: str) -> Response:
        found, _data = self._begin(request, ref)
        call(request_confirm_receipt, request=found, actor=request.user)
        return self._done(request, found)
