"""One POST endpoint per step of a consequence test, each calling the one service function that
performs it (PKPU 22/2023 Pasal 24-26; seed b.2, b.3, d.4, d.6).

Every action answers with the test's detail (200; 201 for a new opinion); a refused step answers
400 (invalid input, field by field), 403 (the role may not), 404 (not visible) or 409 (the test's
state does not allow it, e.g. another officer took the step first).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.exemptions.api.serializers import (
    ConsequenceDetailOutput,
    ConsequenceNoteInput,
    ConsequenceReasonInput,
    DecisionInput,
    OpinionInput,
    StepsInput,
)
from ppid.exemptions.api.views import consequence_call, consequence_for_user, detail_response
from ppid.exemptions.models import ConsequenceTest
from ppid.exemptions.services import (
    Opinion,
    Steps,
    consequence_test_add_opinion,
    consequence_test_classify,
    consequence_test_dismiss,
    consequence_test_forward,
    consequence_test_hand_over,
    consequence_test_record_decision,
    consequence_test_record_steps,
    consequence_test_screen,
)
from ppid.objections.api.views import ERROR_RESPONSES
from ppid.requests.api.common import checked_upload_or_400

F = TypeVar("F", bound=Callable[..., Response])


def _action_schema(
    input_serializer: type[serializers.Serializer[Any]] | None, summary: str, *, created: bool = False
) -> Callable[[F], F]:
    body: Any = input_serializer
    if input_serializer is DecisionInput:
        body = {"application/json": DecisionInput, "multipart/form-data": DecisionInput}
    responses = {201 if created else 200: ConsequenceDetailOutput, **ERROR_RESPONSES}
    decorator: Callable[[F], F] = extend_schema(request=body, responses=responses, summary=summary)
    return decorator


class _Action(APIView):
    """Fetch the test (404 unless the caller may see it), validate the input, run the service."""

    input_serializer: type[serializers.Serializer[Any]] | None = None

    def _begin(self, request: Request, pk: int) -> tuple[ConsequenceTest, dict[str, Any]]:
        found = consequence_for_user(request.user, pk)
        if self.input_serializer is None:
            return found, {}
        form = self.input_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        return found, dict(form.validated_data)

    def _done(self, request: Request, found: ConsequenceTest, *, code: int = status.HTTP_200_OK) -> Response:
        return detail_response(request.user, found.pk, code=code)


class ForwardView(_Action):
    input_serializer = ConsequenceNoteInput

    @_action_schema(
        ConsequenceNoteInput, "Forward a KPU Kab/Kota's request to KPU RI (its KPU Provinsi's PPID, Pasal 25(2))"
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        consequence_call(consequence_test_forward, test=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class ScreenView(_Action):
    input_serializer = ConsequenceReasonInput

    @_action_schema(ConsequenceReasonInput, "Screen the candidate and start the test (the PPID of KPU RI, seed d.4)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        consequence_call(consequence_test_screen, test=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class DismissView(_Action):
    input_serializer = ConsequenceReasonInput

    @_action_schema(
        ConsequenceReasonInput, "Dismiss: no test is needed, with reasons (the PPID of KPU RI or of the Provinsi)"
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        consequence_call(consequence_test_dismiss, test=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class StepsView(_Action):
    input_serializer = StepsInput

    @_action_schema(StepsInput, "Record the steps of PKPU 22/2023 Pasal 25 ayat (3) (the PPID of KPU RI, seed d.6)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        consequence_call(consequence_test_record_steps, test=found, actor=request.user, steps=Steps(**data))
        return self._done(request, found)


class OpinionView(_Action):
    input_serializer = OpinionInput

    @_action_schema(
        OpinionInput,
        "Give an opinion and sign (advisory team, Pembina PPID, the unit); the PPID records an expert's",
        created=True,
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        consequence_call(consequence_test_add_opinion, test=found, actor=request.user, data=Opinion(**data))
        return self._done(request, found, code=status.HTTP_201_CREATED)


class ClassifyView(_Action):
    input_serializer = ConsequenceNoteInput

    @_action_schema(ConsequenceNoteInput, "Classify on the completed test (the advisory team, seed b.2)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        consequence_call(consequence_test_classify, test=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class HandOverView(_Action):
    @_action_schema(None, "Hand the classification to the Atasan PPID (the advisory team, seed b.3)")
    def post(self, request: Request, pk: int) -> Response:
        found, _data = self._begin(request, pk)
        consequence_call(consequence_test_hand_over, test=found, actor=request.user)
        return self._done(request, found)


class DecisionView(_Action):
    input_serializer = DecisionInput

    @_action_schema(DecisionInput, "Record the Keputusan KPU, with its document (the Atasan PPID, Pasal 26)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        decision_file = checked_upload_or_400(data["decision_file"], "decision_file")
        consequence_call(
            consequence_test_record_decision,
            test=found,
            actor=request.user,
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            decision_file=decision_file,
        )
        return self._done(request, found)
