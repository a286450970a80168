"""API v1 for information requests. Thin views: input serializers check shapes, the service functions
(the same ones the web views call) change state, output serializers shape the answer."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from ppid.accounts.permissions import can_anywhere, filter_visible
from ppid.requests.api.common import (
    ERROR_RESPONSES,
    REF_PARAMETER,
    BadRequest,
    call,
    explanation_lines,
    office_or_400,
    request_for_user,
)
from ppid.requests.api.serializers import (
    UPLOAD_KINDS,
    RequestCreateInput,
    RequestDetailOutput,
    RequestListQuery,
    RequestOutput,
    SubmittedOutput,
)
from ppid.requests.models import PERSONAL_ATTACHMENTS, InformationRequest
from ppid.requests.selectors import due_expression, overdue_condition, personal_data_offices
from ppid.requests.services import IntakeData, NewAttachment, request_submit
from ppid.requests.validation import check_upload

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string per submission: repeating it returns the first request instead of a new one.",
)


class CreateOpenListAuthenticated(BasePermission):
    """Anyone may submit online (the service refuses desk channels without request:register); lists need a login."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method == "POST" or bool(request.user and request.user.is_authenticated)


def _submission_key(request: Request, given: str) -> str | None:
    """The client's idempotency key, scoped to the caller and hashed: it can never select the web
    form's submissions, and the column stays 64 characters."""
    key = request.headers.get("Idempotency-Key", "").strip() or given.strip()
    if not key:
        return None
    return hashlib.sha256(f"api|{request.user.pk or '-'}|{key}".encode()).hexdigest()


def _attachments(data: dict[str, Any]) -> list[NewAttachment]:
    found, errors = [], {}
    for kind in UPLOAD_KINDS:
        upload = data.get(kind.value)
        if upload is None:
            continue
        try:
            found.append(NewAttachment(kind=kind, upload=check_upload(upload)))
        except DjangoValidationError as error:
            errors[kind.value] = [str(m) for m in error.messages]
    if errors:
        raise BadRequest(errors)
    return found


def _with_personal_data(user: Any, rows: list[InformationRequest], data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """UU PDP: the requester's identity and contact go only to staff of the request's own office and to
    the requester; everyone else gets `requester: null`."""
    offices = personal_data_offices(user)
    for row, item in zip(rows, data, strict=True):
        if row.office_id not in offices and row.requester.user_id != user.pk:
            item["requester"] = None
    return data


class RequestListCreateView(GenericAPIView[InformationRequest]):
    """Submit a request (anyone, online; the service desk for walk-in, phone, letter and e-mail requests)
    or list the requests you may see."""

    permission_classes = [CreateOpenListAuthenticated]
    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = RequestOutput
    queryset = InformationRequest.objects.none()

    @extend_schema(
        parameters=[RequestListQuery],
        responses={200: RequestOutput(many=True), 400: ERROR_RESPONSES[400]},
        description=(
            "Requests you may see (staff: your offices' and, for monitoring, their descendants'; a requester: "
            "your own), most recently recorded first. "
            "`requester` (personal data) is null unless you are staff of the request's own office or its requester."
        ),
    )
    def get(self, request: Request) -> Response:
        query = RequestListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Staff see their offices' requests; a requester account (no staff role) sees its own. Not both:
        # the owner condition joins every requester row, which costs a full scan at national volume.
        owner = None if can_anywhere(request.user, "request:view") else "requester__user"
        rows = filter_visible(request.user, "request:view", InformationRequest.objects.all(), owner_field=owner)
        if params.get("office"):
            rows = rows.filter(office=office_or_400(params["office"], "office"))
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        if params.get("overdue"):
            rows = rows.annotate(due=due_expression())
            rows = rows.filter(overdue_condition())
        # Most recently recorded first: the primary key orders that with an index at any volume.
        rows = rows.select_related("office", "requester").order_by("-id")
        page = self.paginate_queryset(rows)
        assert page is not None  # pagination_class is set
        data = _with_personal_data(request.user, page, list(RequestOutput(page, many=True).data))
        return self.get_paginated_response(data)

    @extend_schema(
        request={"application/json": RequestCreateInput, "multipart/form-data": RequestCreateInput},
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            201: SubmittedOutput,
            200: OpenApiResponse(SubmittedOutput, description="The same key was sent before: the first request."),
            400: ERROR_RESPONSES[400],
            403: ERROR_RESPONSES[403],
        },
        description=(
            "Pasal 22 UU 14/2008: registers the request and gives its registration number at once. "
            "Attachments (ktp, deed, power_of_attorney, proxy_ktp, supporting) are sent as multipart files."
        ),
    )
    def post(self, request: Request) -> Response:
        form = RequestCreateInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        office = office_or_400(data["office"], "office")
        key = _submission_key(request, data["submission_key"])
        replay = key is not None and InformationRequest.objects.filter(submission_key=key).exists()
        intake = IntakeData(
            kind=data["requester_kind"],
            name=data["name"],
            address=data["address"],
            information_requested=data["information_requested"],
            purpose=data["purpose"],
            obtain_method=data["obtain_method"],
            delivery_method=data["delivery_method"],
            email=data["email"],
            phone=data["phone"],
            nik=data["nik"],
            legal_number=data["legal_number"],
            proxy_name=data["proxy_name"],
            occupation=data["occupation"],
            attachments=[] if replay else _attachments(data),
        )
        created = call(
            request_submit,
            office=office,
            data=intake,
            channel=data["channel"],
            actor=request.user,
            received_at=data.get("received_at"),
            submission_key=key,
        )
        output = {
            "id": created.pk,
            "registration_number": created.registration_number,
            "office": office.code,
            "status": created.status,
            "received_at": created.received_at,
            "notice_due_on": created.notice_due_on,
        }
        return Response(SubmittedOutput(output).data, status=status.HTTP_200_OK if replay else status.HTTP_201_CREATED)


def detail_response(user: Any, ref: str, *, code: int = status.HTTP_200_OK) -> Response:
    """The request as its detail, with personal data only for those who may see it."""
    found = request_for_user(
        user,
        ref,
        InformationRequest.objects.prefetch_related("assignments__work_unit", "attachments", "notice__costs"),
    )
    found.deadline_explanation = explanation_lines(found)  # type: ignore[attr-defined]
    data = dict(RequestDetailOutput(found).data)
    [data] = _with_personal_data(user, [found], [data])
    if data["requester"] is None:
        # Identity scans and deeds are personal data too: left out entirely.
        data["attachments"] = [a for a in data["attachments"] if a["kind"] not in PERSONAL_ATTACHMENTS]
    return Response(data, status=code)


class RequestDetailView(GenericAPIView[InformationRequest]):
    """One request you may see, by id or registration number, with its notice, delivery and deadline."""

    serializer_class = RequestDetailOutput
    queryset = InformationRequest.objects.none()

    @extend_schema(parameters=[REF_PARAMETER], responses={200: RequestDetailOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request: Request, ref: str) -> Response:
        return detail_response(request.user, ref)
