"""API v1 for consequence tests (uji konsekuensi; UU 14/2008 Pasal 19; PKPU 22/2023 Pasal 24-26).

Staff only. A test is seen by those who may read exemptions at the testing office (KPU RI) or at
the office that asked for it (and, as monitoring, their parent offices): an asking office follows
its own request. Thin views: the services in ppid.exemptions.services change state."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from ppid.accounts.permissions import can
from ppid.catalogue.models import InformationItem
from ppid.exemptions.api.serializers import (
    ConsequenceDetailOutput,
    ConsequenceListQuery,
    ConsequenceOutput,
    ConsequenceStartInput,
)
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.selectors import may_view_test, visible_tests
from ppid.exemptions.services import ConsequenceStateError, StartData, consequence_test_start
from ppid.objections.api.views import ERROR_RESPONSES, call, events_of, timeline
from ppid.requests.api.common import BadRequest, lookup, office_or_400
from ppid.requests.models import InformationRequest

CONFLICTS: tuple[type[Exception], ...] = (ConsequenceStateError,)
CONSEQUENCE_RELATED = ("office", "origin_office", "forwarded_by", "request", "exemption")


def consequence_call(service: Any, **kwargs: Any) -> Any:
    """A test service: ValidationError → 400, ConsequenceStateError → 409, PermissionDenied → 403."""
    return call(service, conflicts=CONFLICTS, **kwargs)


def consequence_for_user(user: Any, pk: int) -> ConsequenceTest:
    """The test `pk`, or 404 when it does not exist or `user` may not see it."""
    found = ConsequenceTest.objects.select_related(*CONSEQUENCE_RELATED, "exemption__office").filter(pk=pk).first()
    if found is None or not may_view_test(user, found):
        raise Http404(_("No such consequence test."))
    return found


def _exemption(test: ConsequenceTest) -> Exemption | None:
    found: Exemption | None = getattr(test, "exemption", None)  # reverse one-to-one: absent until decided
    return found


def detail_response(user: Any, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    """The test with its steps, opinions, the DIK entry it set and its timeline."""
    found = consequence_for_user(user, pk)
    exemption = _exemption(found)
    found.exemption_id = exemption.pk if exemption else None  # type: ignore[attr-defined]
    found.exemption_row = exemption  # type: ignore[attr-defined]
    found.opinion_rows = list(found.opinions.order_by("signed_at", "id"))  # type: ignore[attr-defined]
    # The test's own notes (screening, classification) are staff records, never a requester's words.
    found.timeline = timeline(events_of(found), personal=True)  # type: ignore[attr-defined]
    return Response(ConsequenceDetailOutput(found).data, status=code)


def _request_or_400(user: Any, ref: str) -> InformationRequest | None:
    if not ref.strip():
        return None
    found = InformationRequest.objects.select_related("office").filter(**lookup(ref.strip())).first()
    if found is None or not can(user, "request:view", found):
        raise BadRequest({"request": [_("No such request.")]})
    return found


def _exemption_or_400(pk: int | None) -> Exemption | None:
    """The DIK entry under review; the DIK is public, so any entry may be named."""
    if pk is None:
        return None
    found = Exemption.objects.filter(pk=pk).first()
    if found is None:
        raise BadRequest({"reviews": [_("No such exemption.")]})
    return found


def _item_or_400(user: Any, pk: int | None) -> InformationItem | None:
    if pk is None:
        return None
    found = InformationItem.objects.select_related("office").filter(pk=pk).first()
    if found is None or not can(user, "dip:view", found):
        raise BadRequest({"item": [_("No such DIP item.")]})
    return found


class ConsequenceListCreateView(GenericAPIView[ConsequenceTest]):
    """Consequence tests you may see; ask for one (the PPID of any office, or a liaison team with its
    first assessment)."""

    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = ConsequenceOutput
    queryset = ConsequenceTest.objects.none()

    @extend_schema(
        parameters=[ConsequenceListQuery],
        responses={200: ConsequenceOutput(many=True), 400: ERROR_RESPONSES[400]},
        description=(
            "Tests at KPU RI and tests your offices asked for (and their descendants', for monitoring), "
            "most recent first."
        ),
    )
    def get(self, request: Request) -> Response:
        query = ConsequenceListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        rows = visible_tests(request.user)
        if params.get("origin"):
            rows = rows.filter(origin_office=office_or_400(params["origin"], "origin"))
        for name in ("status", "trigger", "year"):
            if params.get(name):
                rows = rows.filter(**{name: params[name]})
        rows = rows.select_related(*CONSEQUENCE_RELATED).order_by("-created_at", "-id")
        page = self.paginate_queryset(rows)
        assert page is not None  # pagination_class is set
        for test in page:
            exemption = _exemption(test)
            test.exemption_id = exemption.pk if exemption else None  # type: ignore[attr-defined]
        return self.get_paginated_response(ConsequenceOutput(page, many=True).data)

    @extend_schema(
        request=ConsequenceStartInput,
        responses={201: ConsequenceDetailOutput, **ERROR_RESPONSES},
        summary="Ask for a consequence test (PKPU 22/2023 Pasal 25 ayat (1)-(2))",
        description=(
            "KPU RI tests. The PPID of KPU RI starts its own candidates (seed d.4); a KPU Provinsi's PPID asks "
            "KPU RI directly; a KPU Kab/Kota's request waits for its KPU Provinsi to forward it. A liaison team "
            "starts one with its first assessment (kajian awal, PKPU 4/2025 Pasal 9)."
        ),
    )
    def post(self, request: Request) -> Response:
        form = ConsequenceStartInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        origin = office_or_400(data["origin"], "origin")
        start = StartData(
            information=data["information"],
            trigger=data["trigger"],
            first_assessment=data["first_assessment"],
            request=_request_or_400(request.user, data["request"]),
            item=_item_or_400(request.user, data["item"]),
            reviews=_exemption_or_400(data["reviews"]),
        )
        created = consequence_call(consequence_test_start, origin=origin, actor=request.user, data=start)
        return detail_response(request.user, created.pk, code=status.HTTP_201_CREATED)


class ConsequenceDetailView(GenericAPIView[ConsequenceTest]):
    serializer_class = ConsequenceDetailOutput
    queryset = ConsequenceTest.objects.none()

    @extend_schema(
        responses={200: ConsequenceDetailOutput, 404: ERROR_RESPONSES[404]},
        description="One test with the steps of PKPU 22/2023 Pasal 25 ayat (3), the opinions, its DIK entry "
        "and its timeline.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return detail_response(request.user, pk)
