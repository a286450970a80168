"""API v1 for working days: public deadline calculator and calendar; administrators' CRUD via services."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.offices.models import Office
from ppid.workdays import services, stages
from ppid.workdays.api_serializers import (
    CalendarDaySerializer,
    CalendarOutput,
    CalendarQuery,
    DeadlineOutput,
    DeadlineQuery,
    DeadlineRuleSerializer,
    ElectionStageSerializer,
    RuleSetSerializer,
)
from ppid.workdays.explain import reason_text
from ppid.workdays.models import CalendarDay, DeadlineRule, ElectionStage, RuleSet
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, deadline_for, office_by_code


def _office(code: str) -> Office:
    try:
        return office_by_code(code)
    except Office.DoesNotExist:
        raise serializers.ValidationError(
            {"office": _("No active office with code %(code)s.") % {"code": code}}
        ) from None


def _moment(value: str) -> datetime.date | datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value)
    except ValueError:
        raise serializers.ValidationError({"received_at": _("Not an ISO date or date-time.")}) from None


def _run(func: Callable[..., Any], **kwargs: Any) -> Any:
    """Call a service, turning a model validation error into a 400 (PermissionDenied becomes 403 by DRF)."""
    try:
        return func(**kwargs)
    except DjangoValidationError as error:
        raise serializers.ValidationError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from None


class ReadPublicWriteAuthenticated(BasePermission):
    """Reading the calendar and rules is public; the services check `calendar:manage` for writes."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_authenticated)


class DeadlineView(APIView):
    """When must this be answered? The deadline of a step for a document received at an office, explained."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[DeadlineQuery], responses={200: DeadlineOutput})
    def get(self, request: Request) -> Response:
        query = DeadlineQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        office = _office(query.validated_data["office"])
        try:
            expl = deadline_for(office, _moment(query.validated_data["received_at"]), query.validated_data["step"])
        except NoRuleSet as error:
            raise serializers.ValidationError({"step": str(error)}) from None
        return Response({"office": office.code, **expl.as_dict()})


class CalendarView(APIView):
    """The non-working weekdays (with reasons) and extra working days of a year at an office."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=[CalendarQuery], responses={200: CalendarOutput})
    def get(self, request: Request) -> Response:
        query = CalendarQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        office = _office(query.validated_data["office"])
        year = query.validated_data["year"]
        calendar = calendar_for_office(office)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        days = [
            {
                "date": day,
                "reasons": [
                    {"kind": str(r.kind), "name": r.name, "decree": r.decree, "text": reason_text(r)} for r in reasons
                ],
            }
            for day, reasons in calendar.non_working_weekdays(first, last)
        ]
        return Response(
            {
                "office": office.code,
                "year": year,
                "non_working_weekdays": days,
                "extra_working_days": calendar.extra_working_days(first, last),
            }
        )


class _Crud(APIView):
    permission_classes = [ReadPublicWriteAuthenticated]
    serializer: type[serializers.ModelSerializer[Any]]
    model: type[Model]

    def _queryset(self) -> QuerySet[Any]:
        return self.model._default_manager.all()

    def _input(self, request: Request, instance: Any = None) -> dict[str, Any]:
        data = self.serializer(instance, data=request.data, partial=instance is not None)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def _out(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        obj.refresh_from_db()
        return Response(self.serializer(obj).data, status=code)


class CalendarDayListView(_Crud):
    serializer, model = CalendarDaySerializer, CalendarDay

    @extend_schema(responses={200: CalendarDaySerializer(many=True)})
    def get(self, request: Request) -> Response:
        rows = self._queryset().select_related("office")
        year = request.query_params.get("year")
        if year and year.isdigit():
            rows = rows.filter(date__year=int(year))
        return Response(self.serializer(rows, many=True).data)

    @extend_schema(request=CalendarDaySerializer, responses={201: CalendarDaySerializer})
    def post(self, request: Request) -> Response:
        data = self._input(request)
        data.pop("is_active", None)
        day = _run(services.calendar_day_create, actor=request.user, **data)
        return self._out(day, status.HTTP_201_CREATED)


class CalendarDayDetailView(_Crud):
    serializer, model = CalendarDaySerializer, CalendarDay

    @extend_schema(responses={200: CalendarDaySerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.serializer(get_object_or_404(CalendarDay, pk=pk)).data)

    @extend_schema(request=CalendarDaySerializer, responses={200: CalendarDaySerializer})
    def patch(self, request: Request, pk: int) -> Response:
        day = get_object_or_404(CalendarDay, pk=pk)
        changes = {k: v for k, v in self._input(request, day).items() if k in services.CALENDAR_DAY_EDITABLE}
        return self._out(_run(services.calendar_day_update, actor=request.user, day=day, changes=changes))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        _run(services.calendar_day_remove, actor=request.user, day=get_object_or_404(CalendarDay, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class RuleSetListView(_Crud):
    serializer, model = RuleSetSerializer, RuleSet

    @extend_schema(responses={200: RuleSetSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(self.serializer(self._queryset().prefetch_related("rules"), many=True).data)

    @extend_schema(request=RuleSetSerializer, responses={201: RuleSetSerializer})
    def post(self, request: Request) -> Response:
        return self._out(
            _run(services.rule_set_create, actor=request.user, **self._input(request)), status.HTTP_201_CREATED
        )


class RuleSetDetailView(_Crud):
    serializer, model = RuleSetSerializer, RuleSet

    @extend_schema(responses={200: RuleSetSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.serializer(get_object_or_404(RuleSet, pk=pk)).data)

    @extend_schema(request=RuleSetSerializer, responses={200: RuleSetSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        rule_set = get_object_or_404(RuleSet, pk=pk)
        changes = self._input(request, rule_set)
        return self._out(_run(services.rule_set_update, actor=request.user, rule_set=rule_set, changes=changes))


class DeadlineRuleListView(_Crud):
    serializer, model = DeadlineRuleSerializer, DeadlineRule

    @extend_schema(responses={200: DeadlineRuleSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(self.serializer(self._queryset(), many=True).data)

    @extend_schema(request=DeadlineRuleSerializer, responses={201: DeadlineRuleSerializer})
    def post(self, request: Request) -> Response:
        rule = _run(services.deadline_rule_create, actor=request.user, **self._input(request))
        return self._out(rule, status.HTTP_201_CREATED)


class DeadlineRuleDetailView(_Crud):
    serializer, model = DeadlineRuleSerializer, DeadlineRule

    @extend_schema(responses={200: DeadlineRuleSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.serializer(get_object_or_404(DeadlineRule, pk=pk)).data)

    @extend_schema(request=DeadlineRuleSerializer, responses={200: DeadlineRuleSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        rule = get_object_or_404(DeadlineRule, pk=pk)
        changes = {k: v for k, v in self._input(request, rule).items() if k in services.DEADLINE_RULE_EDITABLE}
        return self._out(_run(services.deadline_rule_update, actor=request.user, rule=rule, changes=changes))


class ElectionStageListView(_Crud):
    serializer, model = ElectionStageSerializer, ElectionStage

    @extend_schema(responses={200: ElectionStageSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(self.serializer(self._queryset().prefetch_related("offices"), many=True).data)

    @extend_schema(request=ElectionStageSerializer, responses={201: ElectionStageSerializer})
    def post(self, request: Request) -> Response:
        stage = _run(stages.election_stage_create, actor=request.user, **self._input(request))
        return self._out(stage, status.HTTP_201_CREATED)


class ElectionStageDetailView(_Crud):
    serializer, model = ElectionStageSerializer, ElectionStage

    @extend_schema(responses={200: ElectionStageSerializer})
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.serializer(get_object_or_404(ElectionStage, pk=pk)).data)

    @extend_schema(request=ElectionStageSerializer, responses={200: ElectionStageSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        stage = get_object_or_404(ElectionStage, pk=pk)
        changes = self._input(request, stage)
        offices = changes.pop("offices", None)
        return self._out(
            _run(stages.election_stage_update, actor=request.user, stage=stage, changes=changes, offices=offices)
        )

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        _run(stages.election_stage_remove, actor=request.user, stage=get_object_or_404(ElectionStage, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
