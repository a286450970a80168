"""API input and output shapes for working days and deadlines. No logic: services do the work."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ppid.offices.models import Office
from ppid.workdays.models import CalendarDay, DeadlineRule, DeadlineStep, ElectionStage, RuleSet


class DeadlineQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, default="00", help_text="Office region code (default 00, KPU RI)")
    received_at = serializers.CharField(help_text="ISO date (received during office hours) or date-time")
    step = serializers.ChoiceField(choices=DeadlineStep.choices, default=DeadlineStep.REQUEST_NOTICE)


class SkippedDayOutput(serializers.Serializer[Any]):
    date = serializers.DateField()
    reasons = serializers.ListField(child=serializers.CharField())


class DeadlineOutput(serializers.Serializer[Any]):
    office = serializers.CharField()
    received_at = serializers.CharField()
    received_local = serializers.CharField(allow_null=True)
    day_zero = serializers.DateField()
    day_zero_reason = serializers.CharField()
    day_zero_text = serializers.CharField()
    step = serializers.CharField()
    working_days = serializers.IntegerField()
    citation = serializers.CharField()
    rule_set = serializers.CharField()
    rule_set_citation = serializers.CharField()
    deadline = serializers.DateField()
    deadline_at = serializers.DateTimeField()
    time_zone = serializers.CharField()
    skipped = SkippedDayOutput(many=True)
    lines = serializers.ListField(child=serializers.CharField())


class CalendarQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, default="00")
    year = serializers.IntegerField(min_value=1900, max_value=2200)


class ReasonOutput(serializers.Serializer[Any]):
    kind = serializers.CharField()
    name = serializers.CharField()
    decree = serializers.CharField()
    text = serializers.CharField()


class NonWorkingDayOutput(serializers.Serializer[Any]):
    date = serializers.DateField()
    reasons = ReasonOutput(many=True)


class CalendarOutput(serializers.Serializer[Any]):
    office = serializers.CharField()
    year = serializers.IntegerField()
    non_working_weekdays = NonWorkingDayOutput(many=True)
    extra_working_days = serializers.ListField(child=serializers.DateField())


class CalendarDaySerializer(serializers.ModelSerializer[CalendarDay]):
    office: serializers.SlugRelatedField[Office] = serializers.SlugRelatedField(
        slug_field="code", queryset=Office.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = CalendarDay
        fields = [
            "id",
            "date",
            "kind",
            "name",
            "decree",
            "scope",
            "province_code",
            "office",
            "source",
            "is_active",
            "note",
        ]
        read_only_fields = ["source"]
        validators: list[Any] = []  # the service validates the whole row


class DeadlineRuleSerializer(serializers.ModelSerializer[DeadlineRule]):
    class Meta:
        model = DeadlineRule
        fields = ["id", "rule_set", "step", "working_days", "citation", "needs_verification", "note"]
        validators: list[Any] = []


class RuleSetSerializer(serializers.ModelSerializer[RuleSet]):
    rules = DeadlineRuleSerializer(many=True, read_only=True)

    class Meta:
        model = RuleSet
        fields = ["id", "name", "kind", "citation", "valid_from", "valid_until", "note", "rules"]
        validators: list[Any] = []


class ElectionStageSerializer(serializers.ModelSerializer[ElectionStage]):
    offices: serializers.SlugRelatedField[Office] = serializers.SlugRelatedField(
        slug_field="code", queryset=Office.objects.all(), many=True, required=False
    )

    class Meta:
        model = ElectionStage
        fields = ["id", "name", "kind", "starts_on", "ends_on", "all_offices", "offices", "rule_set"]
