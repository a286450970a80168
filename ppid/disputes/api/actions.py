"""One POST endpoint per dispute step, each calling the one service function that performs it.

Steps that add to the case (a party, a session, a ruling, a document) answer 201, the others 200,
always with the dispute's detail; a refused step answers 400, 403, 404 or 409 as for requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.accounts.permissions import can
from ppid.disputes.api.serializers import (
    AppealInput,
    CloseInput,
    ConfirmRegistrationInput,
    DisputeDetailOutput,
    DocumentInput,
    EndMediationInput,
    PartyInput,
    RulingInput,
    SessionInput,
    TaskCompleteInput,
)
from ppid.disputes.api.views import call, detail_response, dispute_for_user
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.services import (
    RulingData,
    dispute_add_document,
    dispute_add_party,
    dispute_appeal,
    dispute_close,
    dispute_confirm_registration,
    dispute_end_mediation,
    dispute_record_ruling,
    dispute_schedule_session,
    task_complete,
)
from ppid.objections.api.views import ERROR_RESPONSES
from ppid.requests.api.common import BadRequest, field_errors
from ppid.requests.validation import check_upload

F = TypeVar("F", bound=Callable[..., Response])


def _action_schema(
    input_serializer: type[serializers.Serializer[Any]], summary: str, *, created: bool = False
) -> Callable[[F], F]:
    body: Any = input_serializer
    if input_serializer is DocumentInput:
        body = {"multipart/form-data": DocumentInput}
    responses = {201 if created else 200: DisputeDetailOutput, **ERROR_RESPONSES}
    decorator: Callable[[F], F] = extend_schema(request=body, responses=responses, summary=summary)
    return decorator


class _Action(APIView):
    """Fetch the dispute (404 unless the caller may see it), validate the input, run the service."""

    input_serializer: type[serializers.Serializer[Any]]

    def _begin(self, request: Request, pk: int) -> tuple[Dispute, dict[str, Any]]:
        found = dispute_for_user(request.user, pk)
        form = self.input_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        return found, dict(form.validated_data)

    def _done(self, request: Request, found: Dispute, *, created: bool = False) -> Response:
        return detail_response(request.user, found.pk, code=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ConfirmRegistrationView(_Action):
    input_serializer = ConfirmRegistrationInput

    @_action_schema(ConfirmRegistrationInput, "Confirm a reported dispute's registration at the Commission")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_confirm_registration, dispute=found, actor=request.user, **data)
        return self._done(request, found)


class PartiesView(_Action):
    input_serializer = PartyInput

    @_action_schema(PartyInput, "Add a party to the case (the legal unit)", created=True)
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_add_party, dispute=found, actor=request.user, **data)
        return self._done(request, found, created=True)


class SessionsView(_Action):
    input_serializer = SessionInput

    @_action_schema(SessionInput, "Record a mediation session or adjudication hearing (Pasal 40-42)", created=True)
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_schedule_session, dispute=found, actor=request.user, **data)
        return self._done(request, found, created=True)


class EndMediationView(_Action):
    input_serializer = EndMediationInput

    @_action_schema(EndMediationInput, "End the mediation: agreement closes the case, failure goes to adjudication")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_end_mediation, dispute=found, actor=request.user, **data)
        return self._done(request, found)


class RulingsView(_Action):
    input_serializer = RulingInput

    @_action_schema(RulingInput, "Record a ruling with its orders (Pasal 46); the appeal window opens", created=True)
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_record_ruling, dispute=found, actor=request.user, data=RulingData(**data))
        return self._done(request, found, created=True)


class AppealView(_Action):
    input_serializer = AppealInput

    @_action_schema(AppealInput, "Record an appeal of the latest ruling (Pasal 47-50)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_appeal, dispute=found, actor=request.user, **data)
        return self._done(request, found)


class CloseView(_Action):
    input_serializer = CloseInput

    @_action_schema(CloseInput, "Close the case: ruling final, withdrawn, or not registered (the legal unit)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        call(dispute_close, dispute=found, actor=request.user, **data)
        return self._done(request, found)


class DocumentsView(_Action):
    input_serializer = DocumentInput

    @_action_schema(DocumentInput, "Add a document to the case (legal unit, PPID d.5, liaison team e.3)", created=True)
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        try:
            check_upload(data["file"])
        except DjangoValidationError as error:
            raise BadRequest({"file": field_errors(error)["non_field_errors"]}) from None
        call(
            dispute_add_document,
            dispute=found,
            actor=request.user,
            kind=data["kind"],
            title=data["title"],
            upload=data["file"],
        )
        return self._done(request, found, created=True)


class TaskCompleteView(APIView):
    """A follow-up task done: the Atasan PPID's follow-up (seed c.5) or the PPID's DIP entry (Pasal 11(2))."""

    @extend_schema(
        request=TaskCompleteInput,
        responses={200: DisputeDetailOutput, **ERROR_RESPONSES},
        summary="Report a follow-up task done (the Atasan PPID, or the PPID for a DIP entry)",
    )
    def post(self, request: Request, pk: int) -> Response:
        task = (
            FollowUpTask.objects.select_related("dispute__office", "dispute__request__requester").filter(pk=pk).first()
        )
        if task is None or not can(request.user, "dispute:view", task.dispute):
            raise Http404(_("No such task."))
        form = TaskCompleteInput(data=request.data)
        form.is_valid(raise_exception=True)
        call(task_complete, task=task, actor=request.user, result=form.validated_data["result"])
        return detail_response(request.user, task.dispute_id)
