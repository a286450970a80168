"""API input and output shapes for information disputes. No logic here: the views call the services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ppid.disputes.models import Dispute, DisputeDocument, DisputeParty, DisputeRuling, DisputeSession, FollowUpTask
from ppid.disputes.workflow import DocumentKind, Forum, Outcome, PartyRole, RulingOrder, SessionKind, Stage
from ppid.objections.api.serializers import TimelineEventOutput

# --- input -----------------------------------------------------------------------------------


class DisputeFileInput(serializers.Serializer[Any]):
    """Pasal 37 UU 14/2008: the case filed at the Komisi Informasi."""

    commission = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="The Information Commission; empty: the one of the office's level and province",
    )
    filed_on = serializers.DateField(help_text="When the application reached the Commission")
    ki_case_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    registered_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Legal unit: when the Commission registered it"
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class DisputeListQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, help_text="Region code of one office")
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text="Year of the number")


class ConfirmRegistrationInput(serializers.Serializer[Any]):
    ki_case_number = serializers.CharField(max_length=100, allow_blank=True)
    registered_on = serializers.DateField()


class PartyInput(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    name = serializers.CharField(max_length=200, allow_blank=True)
    representative = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class SessionInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class EndMediationInput(serializers.Serializer[Any]):
    agreed = serializers.BooleanField(help_text="true: agreement (the case closes); false: adjudication follows")
    note = serializers.CharField(allow_blank=True, help_text="The result of the mediation")


class RulingInput(serializers.Serializer[Any]):
    """Pasal 46 UU 14/2008: what the ruling orders."""

    forum = serializers.ChoiceField(choices=Forum.choices)
    number = serializers.CharField(max_length=100, allow_blank=True)
    ruled_on = serializers.DateField()
    received_on = serializers.DateField()
    orders = serializers.ListField(child=serializers.ChoiceField(choices=RulingOrder.choices), allow_empty=True)
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class AppealInput(serializers.Serializer[Any]):
    forum = serializers.ChoiceField(
        choices=Forum.choices, help_text="ptun or pn after the Commission; ma after a court"
    )
    filed_on = serializers.DateField()
    appellant = serializers.CharField(max_length=200, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CloseInput(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(allow_blank=True)


class DocumentInput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    title = serializers.CharField(max_length=200, allow_blank=True)
    file = serializers.FileField(help_text="PDF, JPEG or PNG")


class TaskCompleteInput(serializers.Serializer[Any]):
    result = serializers.CharField(allow_blank=True, help_text="What was done")


class LegalMattersQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, help_text="Region code: this office and its descendants")
    kind = serializers.ChoiceField(choices=[("objection", "objection"), ("dispute", "dispute")], required=False)
    state = serializers.ChoiceField(
        choices=[("open", "open"), ("closed", "closed"), ("all", "all")],
        default="open",
        help_text="open: something is still to do (an answer, an order, a running case or a follow-up task)",
    )
    overdue = serializers.BooleanField(
        required=False, default=False, help_text="true: only those whose next deadline has passed"
    )


# --- output ----------------------------------------------------------------------------------


class DisputeOutput(serializers.ModelSerializer[Dispute]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    objection_number = serializers.CharField(source="objection.objection_number", read_only=True)
    request_number = serializers.CharField(source="request.registration_number", read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    next_due_on = serializers.DateField(read_only=True, allow_null=True, help_text="The deadline that matters now")

    class Meta:
        model = Dispute
        fields = [
            "id",
            "dispute_number",
            "office",
            "office_name",
            "objection",
            "objection_number",
            "request",
            "request_number",
            "commission",
            "ki_case_number",
            "filed_on",
            "filing_due_on",
            "is_late",
            "registered_on",
            "ki_start_due_on",
            "ki_settlement_due_on",
            "appeal_due_on",
            "next_due_on",
            "stage",
            "stage_label",
            "outcome",
            "outcome_label",
            "reported_by_requester",
        ]


class PartyOutput(serializers.ModelSerializer[DisputeParty]):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    name = serializers.CharField(
        read_only=True, allow_null=True, help_text="The applicant's: null without personal data"
    )
    representative = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = DisputeParty
        fields = ["id", "role", "role_label", "name", "representative"]


class SessionOutput(serializers.ModelSerializer[DisputeSession]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = DisputeSession
        fields = ["id", "kind", "kind_label", "held_on", "place", "summary"]


class RulingOutput(serializers.ModelSerializer[DisputeRuling]):
    forum_label = serializers.CharField(source="get_forum_display", read_only=True)
    orders = serializers.ListField(child=serializers.CharField(), read_only=True)
    order_labels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = DisputeRuling
        fields = [
            "id",
            "forum",
            "forum_label",
            "number",
            "ruled_on",
            "received_on",
            "orders",
            "order_labels",
            "summary",
        ]


class DocumentOutput(serializers.ModelSerializer[DisputeDocument]):
    """Metadata only: the files are the case's, not the API's to hand out."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = DisputeDocument
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_role",
            "uploaded_at",
        ]


class TaskOutput(serializers.ModelSerializer[FollowUpTask]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = FollowUpTask
        fields = ["id", "kind", "kind_label", "description", "due_on", "done_at", "result"]


class DisputeDeadlineOutput(serializers.Serializer[Any]):
    """One deadline of the case with how it was counted (RULES.md §7)."""

    key = serializers.CharField(help_text="filing, ki_start, ki_settlement or appeal")
    label = serializers.CharField()  # type: ignore[assignment]  # DRF moves declared fields off the class
    due_on = serializers.DateField(allow_null=True)
    citation = serializers.CharField()
    rule_set = serializers.CharField()
    lines = serializers.ListField(child=serializers.CharField())
    current = serializers.BooleanField(help_text="true for the deadline that matters at this stage")


class DisputeDetailOutput(DisputeOutput):
    rule_set = serializers.CharField(source="rule_set.name", read_only=True)
    mediation_allowed = serializers.BooleanField(read_only=True, help_text="Grounds b-g: mediation comes first")
    parties = PartyOutput(many=True, read_only=True)
    sessions = SessionOutput(many=True, read_only=True)
    rulings = RulingOutput(many=True, read_only=True)
    documents = DocumentOutput(many=True, read_only=True)
    tasks = TaskOutput(many=True, read_only=True)
    deadlines = DisputeDeadlineOutput(many=True, read_only=True)
    timeline = TimelineEventOutput(
        many=True, read_only=True, help_text="Events of the request, the objection and this dispute"
    )

    class Meta(DisputeOutput.Meta):
        fields = [
            *DisputeOutput.Meta.fields,
            "summary",
            "filing_window_from",
            "rule_set",
            "recorded_at",
            "closed_at",
            "close_note",
            "mediation_allowed",
            "parties",
            "sessions",
            "rulings",
            "documents",
            "tasks",
            "deadlines",
            "timeline",
        ]


class LegalMatterOutput(serializers.Serializer[Any]):
    """One row of the legal-matters register (seed c.4): an objection or a dispute with its next deadline."""

    kind = serializers.CharField(help_text="objection or dispute")
    kind_label = serializers.CharField()
    id = serializers.IntegerField()
    number = serializers.CharField()
    office = serializers.CharField()
    office_name = serializers.CharField()
    request = serializers.IntegerField()
    request_number = serializers.CharField()
    state_label = serializers.CharField(help_text="The objection's status or the dispute's stage")
    outcome_label = serializers.CharField()
    next_due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(help_text="The next deadline passed at the matter's office")
    is_open = serializers.BooleanField()
    responsible = serializers.CharField(help_text="Who must act now")
    open_tasks = serializers.IntegerField(help_text="Follow-up tasks of a dispute not done yet")
    monitoring_only = serializers.BooleanField(help_text="A descendant office's matter: followed, not acted on")
