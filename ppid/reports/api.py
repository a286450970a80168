"""API v1 open data: aggregated statistics of an office (and the offices below it), public.

GET /api/v1/statistics/?office=32.73&year=2026&rollup=true as JSON, /api/v1/statistics.csv (or
?format=csv) as figure,value rows. Counts only, never personal data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ppid.core.spreadsheets import csv_lines
from ppid.offices.models import Office, OfficeLevel
from ppid.reports.figures import figures_for, period_for_year
from ppid.reports.opendata import figures_data, flat_rows
from ppid.requests.api.common import office_or_400


class StatisticsQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, help_text="Office region code; KPU RI when left out.")
    year = serializers.IntegerField(required=False, min_value=2008, max_value=2100, help_text="Default: this year.")
    rollup = serializers.BooleanField(required=False, default=False, help_text="Include every office below it.")


class StatisticsCSVRenderer(BaseRenderer):
    """figure,value rows of the JSON answer (a 400 answer keeps its field,message form)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        rows = list(flat_rows(data if isinstance(data, dict) else {"detail": data}))
        return "".join(csv_lines(["figure", "value"], [[name, value] for name, value in rows])).encode("utf-8")


class StatisticsView(APIView):
    """Public open data (UU 14/2008 Pasal 12: the service's figures are public)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    renderer_classes = [JSONRenderer, StatisticsCSVRenderer]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "statistics"

    @extend_schema(
        parameters=[StatisticsQuery],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="Aggregated figures."),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="figure,value rows."),
        },
        description=(
            "Aggregated statistics of one KPU office for one year, or rolled up with every office below it: "
            "requests received, decided, pending, overdue, time taken (median and 90th percentile, working "
            "days), outcomes, refusal grounds (Pasal 17 letter), objections, disputes, DIP coverage and "
            "satisfaction. Counts only: never personal data. Add ?format=csv (or use statistics.csv) for CSV."
        ),
    )
    def get(self, request: Request, format: str | None = None) -> Response:
        query = StatisticsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        code = params.get("office", "")
        office = office_or_400(code, "office") if code else Office.objects.get(level=OfficeLevel.RI)
        year = params.get("year") or timezone.localdate().year
        data = cache.get_or_set(
            f"statistics:{office.code}:{year}:{int(params['rollup'])}",
            lambda: {**figures_data(figures_for(office, period_for_year(year), rollup=params["rollup"])), "year": year},
            settings.STATISTICS_CACHE_SECONDS,
        )
        response = Response(data)
        if getattr(request.accepted_renderer, "format", "") == "csv":
            suffix = "-rollup" if params["rollup"] else ""
            response["Content-Disposition"] = f'attachment; filename="statistik-{office.code}-{year}{suffix}.csv"'
        return response
