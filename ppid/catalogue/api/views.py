"""API v1 for the DIP and the DIK. The published DIP, its documents (unless closed) and the DIK are
public: anyone may read them without logging in (UU 14/2008 Pasal 9-11, 17). Collection rounds and
unit lists are for staff (dip:view). Thin views: the search and selectors read, the services write."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.accounts.permissions import can, filter_visible
from ppid.catalogue.api.serializers import (
    DikListQuery,
    ExemptionOutput,
    ItemDetailOutput,
    ItemListQuery,
    ItemOutput,
    RoundDetailOutput,
    RoundListQuery,
    RoundOpenInput,
    RoundOutput,
    UnitListDetailOutput,
)
from ppid.catalogue.exporting import dik_exemptions
from ppid.catalogue.models import CollectionRound, InformationItem, ItemDocument, RoundEntry, UnitList
from ppid.catalogue.search import ItemFilters, is_closed, items_filter, public_items, public_items_any_category
from ppid.catalogue.services import CatalogueStateError, round_open
from ppid.catalogue.workflow import ListStatus
from ppid.exemptions.models import Exemption
from ppid.objections.api.views import ERROR_RESPONSES, call
from ppid.offices.models import WorkUnit
from ppid.requests.api.common import BadRequest, office_or_400

CONFLICTS: tuple[type[Exception], ...] = (CatalogueStateError,)
ITEM_RELATED = ("office", "work_unit", "mandatory_item")


def catalogue_call(service: Any, **kwargs: Any) -> Any:
    """A catalogue service: ValidationError → 400, CatalogueStateError → 409, PermissionDenied → 403."""
    return call(service, conflicts=CONFLICTS, **kwargs)


# --- the public DIP ---


class ItemListView(GenericAPIView[InformationItem]):
    """The published DIP, nationwide or filtered; public."""

    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = ItemOutput
    queryset = InformationItem.objects.none()

    @extend_schema(
        parameters=[ItemListQuery],
        responses={200: ItemOutput(many=True), 400: ERROR_RESPONSES[400]},
        description=(
            "Published items of the open categories (berkala, serta-merta, setiap saat). With `q`, a full-text "
            "search over titles, summaries, tags and document text, best match first. Exempt information is "
            "listed at /api/v1/dik/."
        ),
    )
    def get(self, request: Request) -> Response:
        query = ItemListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        unit = None
        if params.get("unit"):
            unit = WorkUnit.objects.filter(pk=params["unit"]).first()
            if unit is None:
                raise BadRequest({"unit": [_("No such work unit.")]})
        filters = ItemFilters(
            q=params["q"],
            category=params.get("category", ""),
            on_demand_type=params.get("type", ""),
            office=office_or_400(params["office"], "office") if params.get("office") else None,
            province_code=params.get("province", "").strip(),
            year=params.get("year"),
            work_unit=unit,
        )
        rows = items_filter(public_items(), filters).select_related(*ITEM_RELATED)
        if not filters.q.strip():
            rows = rows.order_by("office__path", "category", "on_demand_type", "title", "id")
        page = self.paginate_queryset(rows)
        assert page is not None  # pagination_class is set
        return self.get_paginated_response(ItemOutput(page, many=True).data)


def _download_url(request: Request, document: ItemDocument) -> str:
    return request.build_absolute_uri(reverse("api-dip-document-download", args=[document.pk]))


def item_detail_data(request: Request, item: InformationItem, *, public: bool) -> dict[str, Any]:
    """The item with its document versions. Closed items (Pasal 17) show their DIK entry and never
    their summary, tags or documents; only the latest version of a published item is downloadable."""
    closed = is_closed(item)
    documents = [] if closed else list(item.documents.order_by("-version"))
    for index, document in enumerate(documents):
        document.download_url = _download_url(request, document) if public and index == 0 else None  # type: ignore[attr-defined]
    item.closed = closed  # type: ignore[attr-defined]
    item.documents_shown = documents  # type: ignore[attr-defined]
    data = dict(ItemDetailOutput(item).data)
    if closed:
        data.update(summary=None, tags=None)
    return data


class ItemDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        responses={200: ItemDetailOutput, 404: ERROR_RESPONSES[404]},
        description=(
            "One published item (public), or any item of an office whose DIP you may read (staff). Documents "
            "are listed with their checksums; the latest version of a published, non-exempt item has a "
            "download URL."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        item = InformationItem.objects.select_related(*ITEM_RELATED, "exemption__office").filter(pk=pk).first()
        if item is None:
            raise Http404(_("No such item."))
        public = public_items_any_category().filter(pk=pk).exists()
        if not public and not can(request.user, "dip:view", item):
            raise Http404(_("No such item."))
        return Response(item_detail_data(request, item, public=public))


class DocumentDownloadView(APIView):
    """The latest version of a published, non-exempt item's document: the file, or a redirect to its link."""

    permission_classes = [AllowAny]

    def perform_content_negotiation(self, request: Request, force: bool = False) -> tuple[BaseRenderer, str]:
        # The file is sent as stored (no renderer writes it); an error falls back to JSON, never 406.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            302: OpenApiResponse(description="A link document: its address"),
            404: ERROR_RESPONSES[404],
        },
        description="Public. Older versions and documents of exempt items are never served.",
    )
    def get(self, request: Request, pk: int) -> FileResponse | HttpResponseRedirect:
        document = ItemDocument.objects.select_related("item").filter(pk=pk).first()
        if document is None or not public_items().filter(pk=document.item_id).exists():
            raise Http404(_("No such document."))
        latest = document.item.documents.order_by("-version").values_list("pk", flat=True).first()
        if latest != document.pk:
            raise Http404(_("Only the latest version of a document is published."))
        if not document.file:
            return HttpResponseRedirect(document.url)
        name = document.original_name or (document.file.name or "").rsplit("/", 1)[-1]
        content_type = document.content_type or "application/octet-stream"
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=name, content_type=content_type)


class DikListView(GenericAPIView[Exemption]):
    """The list of exempt information (DIK); public."""

    permission_classes = [AllowAny]
    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = ExemptionOutput
    queryset = Exemption.objects.none()

    @extend_schema(
        parameters=[DikListQuery],
        responses={200: ExemptionOutput(many=True), 400: ERROR_RESPONSES[400]},
        description=(
            "Every exemption decided by Keputusan KPU (revoked ones excepted), newest first: what is closed, "
            "its ground, the consequence, until when. KPU RI's decisions apply to every office (PKPU 22/2023 "
            "Pasal 24-25). The closed content is never published."
        ),
    )
    def get(self, request: Request) -> Response:
        query = DikListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        code = query.validated_data.get("kantor", "").strip()
        office = office_or_400(code, "kantor") if code else None
        page = self.paginate_queryset(dik_exemptions(office))
        assert page is not None
        return self.get_paginated_response(ExemptionOutput(page, many=True).data)


# --- collection rounds (staff) ---


def _rounds() -> QuerySet[CollectionRound]:
    return CollectionRound.objects.select_related("office").annotate(
        lists_total=Count("unit_lists"),
        lists_approved=Count("unit_lists", filter=Q(unit_lists__status=ListStatus.APPROVED)),
    )


def round_for_user(user: Any, pk: int) -> CollectionRound:
    found = _rounds().filter(pk=pk).first()
    if found is None or not can(user, "dip:view", found):
        raise Http404(_("No such collection round."))
    return found


def round_detail_response(user: Any, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    found = round_for_user(user, pk)
    found.lists = found.unit_lists.select_related("work_unit").annotate(entries_count=Count("entries"))  # type: ignore[attr-defined]
    return Response(RoundDetailOutput(found).data, status=code)


def unit_list_for_user(user: Any, pk: int) -> UnitList:
    """The unit list `pk`, or 404 when it does not exist or `user` may not read its office's DIP."""
    found = UnitList.objects.select_related("round", "round__office", "work_unit").filter(pk=pk).first()
    if found is None or not can(user, "dip:view", found):
        raise Http404(_("No such unit list."))
    return found


def unit_list_detail_response(user: Any, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    found = unit_list_for_user(user, pk)
    found.entries_count = found.entries.count()  # type: ignore[attr-defined]
    entries = RoundEntry.objects.filter(unit_list=found).select_related(*(f"item__{name}" for name in ITEM_RELATED))
    found.entry_rows = list(entries.order_by("id"))  # type: ignore[attr-defined]
    return Response(UnitListDetailOutput(found).data, status=code)


class RoundListCreateView(GenericAPIView[CollectionRound]):
    """Collection rounds of the offices whose DIP you may read; the PPID opens one (seed d.2)."""

    pagination_class = PageNumberPagination
    filter_backends: list[Any] = []
    serializer_class = RoundOutput
    queryset = CollectionRound.objects.none()

    @extend_schema(
        parameters=[RoundListQuery],
        responses={200: RoundOutput(many=True), 400: ERROR_RESPONSES[400]},
        description="Rounds of your offices and, for monitoring, their descendants'; most recently opened first.",
    )
    def get(self, request: Request) -> Response:
        query = RoundListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        rows = filter_visible(request.user, "dip:view", _rounds())
        if params.get("office"):
            rows = rows.filter(office=office_or_400(params["office"], "office"))
        if params.get("status"):
            rows = rows.filter(status=params["status"])
        page = self.paginate_queryset(rows.order_by("-opened_at", "-id"))
        assert page is not None
        return self.get_paginated_response(RoundOutput(page, many=True).data)

    @extend_schema(
        request=RoundOpenInput,
        responses={201: RoundDetailOutput, **ERROR_RESPONSES},
        summary="Open a collection round (the PPID, seed d.2)",
        description="Every active work unit of the office gets its own list, open for its liaison team.",
    )
    def post(self, request: Request) -> Response:
        form = RoundOpenInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        office = office_or_400(data["office"], "office")
        created = catalogue_call(
            round_open, office=office, actor=request.user, name=data["name"], due_on=data["due_on"]
        )
        return round_detail_response(request.user, created.pk, code=status.HTTP_201_CREATED)


class RoundDetailView(APIView):
    @extend_schema(
        responses={200: RoundDetailOutput, 404: ERROR_RESPONSES[404]},
        description="One round with its unit lists and their statuses.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return round_detail_response(request.user, pk)


class UnitListDetailView(APIView):
    @extend_schema(
        responses={200: UnitListDetailOutput, 404: ERROR_RESPONSES[404]},
        description="One work unit's list in a round, with its entries (new items and updates).",
    )
    def get(self, request: Request, pk: int) -> Response:
        return unit_list_detail_response(request.user, pk)
