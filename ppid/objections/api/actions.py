"""One POST endpoint per objection transition, each calling the one service function that performs it.

Every action answers with the objection's detail (200); a refused step answers 400 (invalid input,
field by field), 403 (the role may not), 404 (not visible) or 409 (the state does not allow it,
e.g. the Atasan PPID answered first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.objections.api.serializers import (
    ConfirmSettlementInput,
    FulfilOrderInput,
    ObjectionDecideInput,
    ObjectionDetailOutput,
    ObjectionNoteInput,
    ReactionInput,
    ReasonsInput,
    TermsInput,
)
from ppid.objections.api.views import ERROR_RESPONSES, call, detail_response, objection_for_user
from ppid.objections.models import Objection
from ppid.objections.services import (
    objection_admit,
    objection_confirm_settlement,
    objection_decide,
    objection_fulfil_order,
    objection_propose_settlement,
    objection_record_reaction,
    objection_refuse_admission,
    objection_reject_settlement,
)
from ppid.requests.api.common import checked_upload_or_400

F = TypeVar("F", bound=Callable[..., Response])
RESPONSES = {200: ObjectionDetailOutput, **ERROR_RESPONSES}


def _action_schema(input_serializer: type[serializers.Serializer[Any]], summary: str) -> Callable[[F], F]:
    body: Any = input_serializer
    if input_serializer is FulfilOrderInput:
        body = {"application/json": FulfilOrderInput, "multipart/form-data": FulfilOrderInput}
    decorator: Callable[[F], F] = extend_schema(request=body, responses=RESPONSES, summary=summary)
    return decorator


class _Action(APIView):
    """Fetch the objection (404 unless the caller may see it), validate the input, run the service."""

    input_serializer: type[serializers.Serializer[Any]]

    def _begin(self, request: Request, pk: int) -> tuple[Objection, dict[str, Any]]:
        found = objection_for_user(request.user, pk)
        form = self.input_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        return found, dict(form.validated_data)

    def _done(self, request: Request, found: Objection) -> Response:
        return detail_response(request.user, found.pk)


class AdmitView(_Action):
    input_serializer = ReasonsInput

    @_action_schema(ReasonsInput, "Admit a late objection, with reasons (the Atasan PPID)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(objection_admit, objection=found, actor=request.user, reasons=data["reasons"])
        return self._done(request, found)


class RefuseAdmissionView(_Action):
    input_serializer = ReasonsInput

    @_action_schema(ReasonsInput, "Do not admit a late objection, with reasons (the Atasan PPID); it closes")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(objection_refuse_admission, objection=found, actor=request.user, reasons=data["reasons"])
        return self._done(request, found)


class ProposeSettlementView(_Action):
    input_serializer = TermsInput

    @_action_schema(TermsInput, "Record an agreement with the requester, grounds b-g only (the PPID, Pasal 35(2))")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(objection_propose_settlement, objection=found, actor=request.user, terms=data["terms"])
        return self._done(request, found)


class ConfirmSettlementView(_Action):
    input_serializer = ConfirmSettlementInput

    @_action_schema(
        ConfirmSettlementInput,
        "Confirm the agreement (the requester; or the PPID, saying how the requester confirmed); it closes",
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(objection_confirm_settlement, objection=found, actor=request.user, confirmation=data["confirmation"])
        return self._done(request, found)


class RejectSettlementView(_Action):
    input_serializer = ObjectionNoteInput

    @_action_schema(ObjectionNoteInput, "Do not confirm the agreement (the requester); the Atasan PPID answers")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(objection_reject_settlement, objection=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class DecideView(_Action):
    input_serializer = ObjectionDecideInput

    @_action_schema(
        ObjectionDecideInput, "Answer in writing: grant with an order, or uphold with reasons (the Atasan PPID)"
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(objection_decide, objection=found, actor=request.user, **data)
        return self._done(request, found)


class FulfilOrderView(_Action):
    input_serializer = FulfilOrderInput

    @_action_schema(FulfilOrderInput, "Provide what the Atasan PPID ordered, with date and proof (the PPID or desk)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        proof = checked_upload_or_400(data["proof"], "proof")
        call(
            objection_fulfil_order,
            objection=found,
            actor=request.user,
            method=data["delivery_method"],
            delivered_at=data["delivered_at"],
            proof=proof,
            note=data["note"],
        )
        return self._done(request, found)


class ReactionView(_Action):
    input_serializer = ReactionInput

    @_action_schema(ReactionInput, "The requester's reaction to the answer (the requester, or the PPID or desk)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(
            objection_record_reaction, objection=found, actor=request.user, reaction=data["reaction"], note=data["note"]
        )
        return self._done(request, found)
