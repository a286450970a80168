"""API v1 for objections (keberatan, Pasal 35-36 UU 14/2008). Thin views: input serializers check
shapes, the service functions (the same ones the web views call) change state, output serializers
shape the answer. The error mapping here is shared with the dispute API."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.accounts.permissions import can, can_anywhere, filter_visible
from ppid.events.models import Event
from ppid.objections.api.serializers import (
    ObjectionDetailOutput,
    ObjectionFileInput,
    ObjectionListQuery,
    ObjectionOutput,
)
from ppid.objections.detail import filing_window
from ppid.objections.models import Objection
from ppid.objections.services import ObjectionData, ObjectionStateError, objection_file
from ppid.requests.api.common import REF_PARAMETER, Conflict, office_or_400, request_for_user
from ppid.requests.api.common import call as request_call
from ppid.requests.api.serializers import ErrorOutput
from ppid.workdays.engine import Calendar
from ppid.workdays.explain import deadline_explain
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, rule_spec

T = TypeVar("T")

ERROR_RESPONSES: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(description="Invalid input: an object of field name → list of messages."),
    403: OpenApiResponse(ErrorOutput, description="Your role does not allow this step at this office."),
    404: OpenApiResponse(ErrorOutput, description="No such record, or you may not see it."),
    409: OpenApiResponse(ErrorOutput, description="The record's state does not allow this step (any more)."),
}
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string per submission: repeating it returns the first record instead of a new one.",
)
# The subject of an event as API clients name it.
SUBJECTS = {"informationrequest": "request"}


def call(service: Callable[..., T], *, conflicts: tuple[type[Exception], ...] = (), **kwargs: Any) -> T:
    """Run a service: ValidationError → 400 with field errors, a state error → 409 with its message.
    PermissionDenied and Http404 pass through; DRF answers them with 403 and 404."""
    state_errors: tuple[type[Exception], ...] = (ObjectionStateError, *conflicts)
    try:
        return request_call(service, **kwargs)
    except state_errors as error:
        raise Conflict(str(error)) from None


def submission_key(request: Request, given: str, scope: str) -> str | None:
    """The client's idempotency key, scoped to the caller and the kind of record, hashed to 64 characters."""
    key = request.headers.get("Idempotency-Key", "").strip() or given.strip()
    if not key:
        return None
    return hashlib.sha256(f"api-{scope}|{request.user.pk or '-'}|{key}".encode()).hexdigest()


def shows_personal(user: Any, obj: Any) -> bool:
    """UU PDP: the requester's identity, contact and words go to them and to staff who hold
    `request:view_personal` for `obj` (the request of an objection; a dispute itself, so that the
    legal unit representing the office in the case is not held to the request's work units)."""
    owner = obj.owner_user_id
    return (owner is not None and owner == user.pk) or can(user, "request:view_personal", obj)


def timeline(events: Iterable[Event], *, personal: bool) -> list[dict[str, Any]]:
    """`events` as the API shows them. Notes and changes only for those who see personal data:
    they may hold what the requester wrote (a withdrawal reason, a reaction, an e-mail)."""
    rows = []
    for event in events:
        model = ContentType.objects.get_for_id(event.content_type_id).model if event.content_type_id else ""
        rows.append(
            {
                "event_type": event.event_type,
                "label": event.label,
                "subject": SUBJECTS.get(model, model),
                "subject_repr": event.object_repr,
                "at": event.created_at,
                "actor_role": event.actor_role,
                "actor_role_label": event.actor_role_label,
                "note": event.note if personal else None,
                "changes": [list(change) for change in event.changes()] if personal else None,
            }
        )
    return rows


def events_of(*objs: Model) -> list[Event]:
    """The events of `objs` together, oldest first: one story from the request to this record."""
    return list(Event.objects.for_objects(objs).order_by("created_at", "id"))


def objection_for_user(user: Any, pk: int) -> Objection:
    """The objection `pk`, or 404 when it does not exist or `user` may not see it."""
    found = (
        Objection.objects.select_related("office", "request", "request__office", "request__requester", "rule_set")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can(user, "objection:view", found):
        raise Http404(_("No such objection."))
    return found


def answer_explanation(objection: Objection, calendar: Calendar) -> list[str]:
    """How the answer deadline was counted (Pasal 36 ayat (2) UU 14/2008; RULES.md §7)."""
    try:
        spec = rule_spec(objection.rule_set, DeadlineStep.OBJECTION_ANSWER)
    except NoRuleSet:
        return []
    return deadline_explain(calendar, objection.received_at, spec, office_label=objection.office.name).lines()


def detail_response(user: Any, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    """The objection with its request, disputes, filing window, answer deadline and timeline."""
    found = objection_for_user(user, pk)
    personal = shows_personal(user, found.request)
    events = events_of(found.request, found)
    calendar = calendar_for_office(found.office)
    # The same window and explanation as the staff page (ppid.objections.detail).
    found.filing_window = filing_window(found, events, calendar)  # type: ignore[attr-defined]
    found.deadline_explanation = answer_explanation(found, calendar)  # type: ignore[attr-defined]
    found.letter_available = bool(found.letter_pdf) or found.decided_at is not None  # type: ignore[attr-defined]
    found.timeline = timeline(events, personal=personal)  # type: ignore[attr-defined]
    data = dict(ObjectionDetailOutput(found).data)
    if not personal:
        data.update(requester=None, proxy_name=None, settlement_confirmation=None, reaction_note=None)
    return Response(data, status=code)


class ObjectionListView(GenericAPIView[Objection]):
    """Objections you may see, most recently registered first."""

    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = ObjectionOutput
    queryset = Objection.objects.none()

    @extend_schema(
        parameters=[ObjectionListQuery],
        responses={200: ObjectionOutput(many=True), 400: ERROR_RESPONSES[400]},
        description=(
            "Objections you may see (staff: your offices' and, for monitoring, their descendants'; a requester: "
            "your own). `requester` and `proxy_name` (personal data) are null unless you are staff of the "
            "objection's own office or its requester."
        ),
    )
    def get(self, request: Request) -> Response:
        query = ObjectionListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        # Staff see their offices' objections, a requester account its own (as in the request list).
        owner = None if can_anywhere(request.user, "objection:view") else "request__requester__user"
        rows = filter_visible(request.user, "objection:view", Objection.objects.all(), owner_field=owner)
        if params.get("office"):
            rows = rows.filter(office=office_or_400(params["office"], "office"))
        for name in ("status", "outcome", "year"):
            if params.get(name):
                rows = rows.filter(**{name: params[name]})
        if params.get("ground"):
            rows = rows.filter(grounds__contains=params["ground"])
        if params.get("late") is not None:
            rows = rows.filter(is_late=params["late"])
        # The request's assignments decide a liaison team's access to personal data (its units only).
        rows = rows.select_related("office", "request__office", "request__requester").prefetch_related(
            "request__assignments"
        )
        page = self.paginate_queryset(rows.order_by("-id"))
        assert page is not None  # pagination_class is set
        data = list(ObjectionOutput(page, many=True).data)
        for row, item in zip(page, data, strict=True):
            if not shows_personal(request.user, row.request):
                item.update(requester=None, proxy_name=None)
        return self.get_paginated_response(data)


class RequestObjectionsView(APIView):
    """File an objection on a request: its requester online, or the desk or PPID for one received in writing."""

    @extend_schema(
        request=ObjectionFileInput,
        parameters=[REF_PARAMETER, IDEMPOTENCY_HEADER],
        responses={
            201: ObjectionDetailOutput,
            200: OpenApiResponse(ObjectionDetailOutput, description="The same key was sent before: the first one."),
            **ERROR_RESPONSES,
        },
        summary="File an objection (Pasal 35-36 UU 14/2008)",
        description=(
            "The requester files online (channel `online`, objection:file); the desk or the PPID registers one "
            "received in writing (objection:register) with its channel and `received_at`. The objection gets its "
            "number, filing window and answer deadline at once; one filed late waits for the Atasan PPID to "
            "admit it."
        ),
    )
    def post(self, request: Request, ref: str) -> Response:
        found = request_for_user(request.user, ref)
        form = ObjectionFileInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        key = submission_key(request, data["submission_key"], "objection")
        replay = key is not None and Objection.objects.filter(submission_key=key, request=found).exists()
        created = call(
            objection_file,
            request=found,
            data=ObjectionData(grounds=data["grounds"], reasons=data["reasons"], proxy_name=data["proxy_name"]),
            actor=request.user,
            channel=data["channel"],
            received_at=data["received_at"],
            submission_key=key,
        )
        return detail_response(request.user, created.pk, code=status.HTTP_200_OK if replay else status.HTTP_201_CREATED)


class ObjectionDetailView(APIView):
    @extend_schema(
        responses={200: ObjectionDetailOutput, 404: ERROR_RESPONSES[404]},
        description="One objection you may see, with its request, disputes, deadline explanation and timeline.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return detail_response(request.user, pk)


class ObjectionLetterView(APIView):
    """The Atasan PPID's answer letter (Pasal 36 ayat (2) UU 14/2008), once the objection is answered."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> tuple[BaseRenderer, str]:
        # A client asking for application/pdf gets the file; an error then falls back to JSON
        # instead of 406 (no renderer writes PDF: the file is sent as it is stored).
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ERROR_RESPONSES[404]},
        description="The stored answer letter; 404 while the objection has no answer.",
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        found = objection_for_user(request.user, pk)
        if not found.letter_pdf and found.decided_at is not None:
            # The letter is rendered after the answer's commit; if that step failed (it is robust, and
            # logs), render it now so the requester is never left without it.
            from ppid.objections.pdf import store_answer_letter  # written alongside (H1); imported when used

            store_answer_letter(found)
            found.refresh_from_db(fields=["letter_pdf"])
        if not found.letter_pdf:
            raise Http404(_("This objection has no answer letter yet."))
        name = "jawaban-keberatan-" + found.objection_number.replace("/", "-") + ".pdf"
        return FileResponse(found.letter_pdf.open("rb"), filename=name, content_type="application/pdf")
