"""API input and output shapes for consequence tests (uji konsekuensi). No logic here: the views call
the services (ppid.exemptions.services)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ppid.catalogue.api.serializers import ExemptionOutput
from ppid.exemptions.models import ConsequenceOpinion, ConsequenceTest
from ppid.exemptions.workflow import Conclusion, ConsequenceStatus, LegalBasisKind, ParticipantKind, Trigger
from ppid.objections.api.serializers import TimelineEventOutput
from ppid.requests.models import ExemptionGround

# --- input -----------------------------------------------------------------------------------


class ConsequenceListQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ConsequenceStatus.choices, required=False)
    trigger = serializers.ChoiceField(choices=Trigger.choices, required=False)
    origin = serializers.CharField(required=False, help_text="Region code of the office that asked")
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text="Year of the number")


class ConsequenceStartInput(serializers.Serializer[Any]):
    """Pasal 25 ayat (1)-(2) PKPU 22/2023; Perki 1/2021 Pasal 49 (when a test is run)."""

    origin = serializers.CharField(help_text="Region code of the office asking (KPU RI for its own candidates)")
    information = serializers.CharField(max_length=300, allow_blank=True, help_text="The information to be tested")
    trigger = serializers.ChoiceField(choices=Trigger.choices, default=Trigger.BEFORE_REQUEST)
    first_assessment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Kajian awal: required when a liaison team asks"
    )
    request = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="The request it arises from: its id or registration number",
    )
    item = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="DIP item id")
    reviews = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id of the DIK entry whose duration ends (Pasal 20 UU 14/2008): the decision replaces it",
    )


class ConsequenceNoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ConsequenceReasonInput(serializers.Serializer[Any]):
    note = serializers.CharField(allow_blank=True, help_text="The reasons, in words")


class StepsInput(serializers.Serializer[Any]):
    """PKPU 22/2023 Pasal 25 ayat (3), in order; fields left out or blank stay as they were."""

    material_scope = serializers.CharField(required=False, allow_blank=True, default="")
    potential_harm = serializers.CharField(required=False, allow_blank=True, default="")
    basis_kind = serializers.ChoiceField(choices=LegalBasisKind.choices, required=False, allow_blank=True, default="")
    pasal17_letter = serializers.ChoiceField(
        choices=ExemptionGround.choices, required=False, allow_blank=True, default=""
    )
    pasal17_point = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    other_law = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    public_interest = serializers.CharField(required=False, allow_blank=True, default="")
    balancing = serializers.CharField(required=False, allow_blank=True, default="")
    conclusion = serializers.ChoiceField(choices=Conclusion.choices, required=False, allow_blank=True, default="")
    duration_until = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Exempt until (Pasal 20: needed for Pasal 17 a-f)"
    )


class OpinionInput(serializers.Serializer[Any]):
    """Seed d.6: a participant's opinion and sign-off; the PPID records an expert's with their name."""

    kind = serializers.ChoiceField(choices=ParticipantKind.choices)
    opinion = serializers.CharField(allow_blank=True)
    agrees = serializers.BooleanField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="", help_text="Experts")
    position = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DecisionInput(serializers.Serializer[Any]):
    """PKPU 22/2023 Pasal 26: the Keputusan KPU that sets the result."""

    decision_number = serializers.CharField(max_length=100, allow_blank=True)
    decision_date = serializers.DateField()
    decision_file = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="The signed decision (PDF), multipart"
    )


# --- output ----------------------------------------------------------------------------------


class ConsequenceOutput(serializers.ModelSerializer[ConsequenceTest]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    origin_office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    origin_office_name = serializers.CharField(source="origin_office.name", read_only=True)
    forwarded_by: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    trigger_label = serializers.CharField(source="get_trigger_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    conclusion_label = serializers.CharField(source="get_conclusion_display", read_only=True)
    request_number = serializers.CharField(
        source="request.registration_number", read_only=True, allow_null=True, default=None
    )
    exemption_id = serializers.IntegerField(read_only=True, allow_null=True, help_text="The DIK entry it set")

    class Meta:
        model = ConsequenceTest
        fields = [
            "id",
            "number",
            "office",
            "origin_office",
            "origin_office_name",
            "forwarded_by",
            "trigger",
            "trigger_label",
            "status",
            "status_label",
            "information",
            "item",
            "request",
            "request_number",
            "conclusion",
            "conclusion_label",
            "reviews",
            "decision_number",
            "decision_date",
            "created_at",
            "decided_at",
            "exemption_id",
        ]


class OpinionOutput(serializers.ModelSerializer[ConsequenceOpinion]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ConsequenceOpinion
        fields = ["id", "kind", "kind_label", "name", "position", "opinion", "agrees", "signed_at"]


class ConsequenceDetailOutput(ConsequenceOutput):
    basis_kind_label = serializers.CharField(source="get_basis_kind_display", read_only=True)
    opinions = OpinionOutput(many=True, read_only=True, source="opinion_rows")
    exemption = ExemptionOutput(read_only=True, allow_null=True, source="exemption_row")
    timeline = TimelineEventOutput(many=True, read_only=True)

    class Meta(ConsequenceOutput.Meta):
        fields = [
            *ConsequenceOutput.Meta.fields,
            "first_assessment",
            "screening_note",
            "material_scope",
            "potential_harm",
            "basis_kind",
            "basis_kind_label",
            "pasal17_letter",
            "pasal17_point",
            "other_law",
            "public_interest",
            "balancing",
            "duration_until",
            "classification_note",
            "opinions",
            "exemption",
            "timeline",
        ]
