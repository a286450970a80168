"""API v1 for information disputes (UU 14/2008 Pasal 37-50) and the legal-matters register.
Thin views: the service functions (the same ones the web views call) change state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.accounts.permissions import can, can_anywhere, filter_visible
from ppid.disputes import legal_matters
from ppid.disputes.api.serializers import (
    DisputeDetailOutput,
    DisputeFileInput,
    DisputeListQuery,
    DisputeOutput,
    LegalMatterOutput,
    LegalMattersQuery,
)
from ppid.disputes.models import Dispute
from ppid.disputes.selectors import deadline_rows
from ppid.disputes.services import DisputeData, DisputeStateError, dispute_record, dispute_report
from ppid.disputes.services.filing import default_commission
from ppid.disputes.workflow import PartyRole
from ppid.objections.api import views as objection_api
from ppid.objections.api.views import ERROR_RESPONSES, events_of, objection_for_user, shows_personal, timeline
from ppid.offices.models import Office
from ppid.requests.api.common import office_or_400

T = TypeVar("T")
# The register's `state` parameter → ppid.disputes.legal_matters.
STATES = {"open": legal_matters.OPEN, "closed": legal_matters.CLOSED, "all": legal_matters.ALL}


def call(service: Callable[..., T], **kwargs: Any) -> T:
    """As for objections: 400 field errors, 403, 404, and 409 for a stage that does not allow the step."""
    return objection_api.call(service, conflicts=(DisputeStateError,), **kwargs)


def dispute_for_user(user: Any, pk: int) -> Dispute:
    """The dispute `pk`, or 404 when it does not exist or `user` may not see it."""
    found = (
        Dispute.objects.select_related("office", "objection", "request", "request__requester", "rule_set")
        .filter(pk=pk)
        .first()
    )
    if found is None or not can(user, "dispute:view", found):
        raise Http404(_("No such dispute."))
    return found


def detail_response(user: Any, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    """The dispute with its parties, sessions, rulings, document metadata, tasks and timeline."""
    found = dispute_for_user(user, pk)
    personal = shows_personal(user, found)
    # The same deadlines with their explanation as the staff page (ppid.disputes.selectors).
    found.deadlines = deadline_rows(found)  # type: ignore[attr-defined]
    events = events_of(found.request, found.objection, found)
    found.timeline = timeline(events, personal=personal)  # type: ignore[attr-defined]
    data = dict(DisputeDetailOutput(found).data)
    if not personal:
        # The applicant is the requester: their name is personal data (UU PDP).
        for party in data["parties"]:
            if party["role"] == PartyRole.APPLICANT:
                party.update(name=None, representative=None)
    return Response(data, status=code)


class DisputeListView(GenericAPIView[Dispute]):
    """Disputes you may see, most recently filed first."""

    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = DisputeOutput
    queryset = Dispute.objects.none()

    @extend_schema(
        parameters=[DisputeListQuery],
        responses={200: DisputeOutput(many=True), 400: ERROR_RESPONSES[400]},
        description="Disputes you may see (staff: your offices' and their descendants'; a requester: your own).",
    )
    def get(self, request: Request) -> Response:
        query = DisputeListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        owner = None if can_anywhere(request.user, "dispute:view") else "request__requester__user"
        rows = filter_visible(request.user, "dispute:view", Dispute.objects.all(), owner_field=owner)
        if params.get("office"):
            rows = rows.filter(office=office_or_400(params["office"], "office"))
        for name in ("stage", "outcome", "year"):
            if params.get(name):
                rows = rows.filter(**{name: params[name]})
        rows = rows.select_related("office", "objection", "request").order_by("-filed_on", "-id")
        page = self.paginate_queryset(rows)
        assert page is not None  # pagination_class is set
        return self.get_paginated_response(DisputeOutput(page, many=True).data)


class DisputeDetailView(APIView):
    @extend_schema(
        responses={200: DisputeDetailOutput, 404: ERROR_RESPONSES[404]},
        description=(
            "One dispute you may see: parties (the applicant's name only with personal data), sessions, rulings, "
            "document metadata, follow-up tasks, deadline explanation and the timeline of the whole chain."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        return detail_response(request.user, pk)


class ObjectionDisputesView(APIView):
    """Bring the objection to the Komisi Informasi (Pasal 37 UU 14/2008)."""

    @extend_schema(
        request=DisputeFileInput,
        responses={201: DisputeDetailOutput, **ERROR_RESPONSES},
        summary="Record (legal unit) or report (requester) a dispute at the Commission",
        description=(
            "The legal unit of the office records the case (dispute:manage) and it is registered at once; the "
            "requester reports it (dispute:report) and the legal unit confirms the registration later. The "
            "filing window (Pasal 37 ayat (2)) and, once registered, the Commission's deadlines (Pasal 38) are "
            "computed at once."
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        objection = objection_for_user(request.user, pk)
        form = DisputeFileInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        service = dispute_record if can(request.user, "dispute:manage", objection) else dispute_report
        created = call(
            service,
            objection=objection,
            actor=request.user,
            data=DisputeData(
                commission=data["commission"] or default_commission(objection),
                filed_on=data["filed_on"],
                ki_case_number=data["ki_case_number"],
                registered_on=data["registered_on"],
                summary=data["summary"],
            ),
        )
        return detail_response(request.user, created.pk, code=status.HTTP_201_CREATED)


# --- the legal-matters register (seed c.4) ------------------------------------------------------


class LegalMattersView(GenericAPIView[Any]):
    """The legal-matters register of the Atasan PPID (seed c.4), as the staff page shows it."""

    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = LegalMatterOutput
    queryset = Dispute.objects.none()

    @extend_schema(
        parameters=[LegalMattersQuery],
        responses={
            200: LegalMatterOutput(many=True),
            400: ERROR_RESPONSES[400],
            403: OpenApiResponse(description="Only the Atasan PPID keeps this register (legal_matter:oversee)."),
        },
        description=(
            "Objections and disputes of the offices where you hold legal_matter:oversee and of their descendant "
            "offices (`monitoring_only`), the nearest deadline first. No personal data."
        ),
    )
    def get(self, request: Request) -> Response:
        if not can_anywhere(request.user, legal_matters.OVERSEE):
            raise PermissionDenied(_("Only the Atasan PPID keeps the register of legal matters."))
        query = LegalMattersQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        office = office_or_400(params["office"], "office") if params.get("office") else None
        rows = legal_matters.matter_rows(
            request.user,
            state=STATES[params["state"]],
            kind=params.get("kind", ""),
            office=office,
            overdue_only=params["overdue"],
        )
        page = self.paginate_queryset(rows)
        assert page is not None  # pagination_class is set
        matters = legal_matters.as_matters(page, legal_matters.oversight_scope(request.user))
        codes = dict(Office.objects.filter(pk__in={m.office_id for m in matters}).values_list("pk", "code"))
        data = [
            {
                "kind": m.kind,
                "kind_label": m.kind_label,
                "id": m.pk,
                "number": m.number,
                "office": codes.get(m.office_id, ""),
                "office_name": m.office_name,
                "request": m.request_id,
                "request_number": m.request_number,
                "state_label": m.state_label,
                "outcome_label": m.result_label,
                "next_due_on": m.next_due,
                "overdue": m.overdue,
                "is_open": m.is_open,
                "responsible": m.responsible,
                "open_tasks": m.open_tasks,
                "monitoring_only": m.read_only,
            }
            for m in matters
        ]
        return self.get_paginated_response(LegalMatterOutput(data, many=True).data)
