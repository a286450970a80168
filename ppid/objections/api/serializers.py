"""API input and output shapes for objections (keberatan). No logic here: the views call the services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ppid.objections.models import Objection
from ppid.objections.workflow import Ground, Outcome, Reaction, Status
from ppid.requests.api.serializers import RequesterOutput
from ppid.requests.models import Channel, DeliveryMethod

# --- input -----------------------------------------------------------------------------------


class ObjectionFileInput(serializers.Serializer[Any]):
    """Pasal 35 ayat (1) and 36 ayat (1) UU 14/2008: the grounds, the reasons, who files."""

    grounds = serializers.ListField(
        child=serializers.ChoiceField(choices=Ground.choices),
        allow_empty=True,
        help_text="Letters of Pasal 35 ayat (1), a-g",
    )
    reasons = serializers.CharField(allow_blank=True, help_text="Why the requester objects")
    proxy_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Filed through a proxy: their name"
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        default=Channel.ONLINE,
        help_text="online for the requester; the other channels are registered by the desk or the PPID "
        "(objection:register)",
    )
    received_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Desk channels only: when the written objection was really received (max. 7 days ago)",
    )
    submission_key = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Same as the Idempotency-Key header: a repeated key returns the first objection",
    )


class ObjectionListQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, help_text="Region code of one office")
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    ground = serializers.ChoiceField(choices=Ground.choices, required=False, help_text="Objections citing this ground")
    late = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="true: only those filed after the window"
    )
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, help_text="Year of the number")


class ReasonsInput(serializers.Serializer[Any]):
    reasons = serializers.CharField(allow_blank=True)


class TermsInput(serializers.Serializer[Any]):
    terms = serializers.CharField(allow_blank=True, help_text="What was agreed with the requester")


class ConfirmSettlementInput(serializers.Serializer[Any]):
    confirmation = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Staff recording it: how the requester confirmed (letter, e-mail, signed minutes)",
    )


class ObjectionNoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ObjectionDecideInput(serializers.Serializer[Any]):
    """Pasal 36 ayat (2)-(3) UU 14/2008: grant (with an order to the PPID) or uphold (with reasons)."""

    grant = serializers.BooleanField(help_text="true grants the objection; false upholds the PPID's decision")
    reasons = serializers.CharField(allow_blank=True)
    order_text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Granting: what the PPID must provide"
    )
    order_due_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Granting: the date by which it must be provided"
    )


class FulfilOrderInput(serializers.Serializer[Any]):
    delivery_method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    delivered_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    proof = serializers.FileField(required=False, allow_null=True, default=None, help_text="Proof of delivery")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReactionInput(serializers.Serializer[Any]):
    """Perki 1/2021 objection register: the requester's reaction (tanggapan) to the answer."""

    reaction = serializers.ChoiceField(choices=Reaction.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- output ----------------------------------------------------------------------------------


class TimelineEventOutput(serializers.Serializer[Any]):
    """One step of the story. `note` and `changes` may hold what the requester wrote or gave as
    contact: null unless you may see the requester's personal data."""

    event_type = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF moves declared fields off the class
    subject = serializers.CharField(help_text="request, objection or dispute")
    subject_repr = serializers.CharField(help_text="Its number")
    at = serializers.DateTimeField()
    actor_role = serializers.CharField()
    actor_role_label = serializers.CharField()
    note = serializers.CharField(allow_null=True)
    changes = serializers.ListField(child=serializers.JSONField(), allow_null=True, help_text="[field, old, new]")


class ObjectionOutput(serializers.ModelSerializer[Objection]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    request_number = serializers.CharField(source="request.registration_number", read_only=True)
    grounds = serializers.ListField(
        source="ground_list", child=serializers.CharField(), read_only=True, help_text="Letters of Pasal 35 ayat (1)"
    )
    ground_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    next_due_on = serializers.DateField(read_only=True, allow_null=True, help_text="The deadline that matters now")
    requester = RequesterOutput(
        source="request.requester", read_only=True, allow_null=True, help_text="null unless you may see personal data"
    )
    proxy_name = serializers.CharField(
        read_only=True, allow_null=True, help_text="null unless you may see personal data"
    )

    class Meta:
        model = Objection
        fields = [
            "id",
            "objection_number",
            "office",
            "office_name",
            "request",
            "request_number",
            "grounds",
            "ground_labels",
            "channel",
            "status",
            "status_label",
            "outcome",
            "outcome_label",
            "received_at",
            "filing_due_on",
            "is_late",
            "answer_due_on",
            "order_due_on",
            "order_fulfilled_at",
            "next_due_on",
            "reaction",
            "requester",
            "proxy_name",
        ]


class ObjectionRequestOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    registration_number = serializers.CharField()
    status = serializers.CharField()
    information_requested = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)


class DisputeSummaryOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    dispute_number = serializers.CharField()
    stage = serializers.CharField()
    stage_label = serializers.CharField(source="get_stage_display")


class FilingWindowOutput(serializers.Serializer[Any]):
    """Pasal 36 ayat (1) UU 14/2008: 30 working days from the day the ground arose (RULES.md §7)."""

    ground_arose_on = serializers.DateField()
    basis = serializers.CharField(help_text="What the start date is, in words")
    rule_set = serializers.CharField()
    filing_due_on = serializers.DateField()
    is_late = serializers.BooleanField()
    lines = serializers.ListField(child=serializers.CharField(), help_text="How the window was counted")


class ObjectionDetailOutput(ObjectionOutput):
    rule_set = serializers.CharField(source="rule_set.name", read_only=True)
    request_summary = ObjectionRequestOutput(source="request", read_only=True)
    settlement_confirmation = serializers.CharField(
        read_only=True, allow_null=True, help_text="null without personal data"
    )
    reaction_note = serializers.CharField(read_only=True, allow_null=True, help_text="null without personal data")
    letter_available = serializers.BooleanField(read_only=True, help_text="GET …/letter.pdf serves the answer letter")
    disputes = DisputeSummaryOutput(many=True, read_only=True)
    filing_window = FilingWindowOutput(read_only=True)
    deadline_explanation = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="How the answer deadline was counted (RULES.md §7)"
    )
    timeline = TimelineEventOutput(many=True, read_only=True, help_text="Events of the request and this objection")

    class Meta(ObjectionOutput.Meta):
        fields = [
            *ObjectionOutput.Meta.fields,
            "request_summary",
            "reasons",
            "ground_arose_on",
            "rule_set",
            "recorded_at",
            "admission_reasons",
            "admission_decided_at",
            "settlement_terms",
            "settlement_recorded_at",
            "settlement_confirmed_at",
            "settlement_confirmation",
            "decided_at",
            "signer_name",
            "signer_position",
            "decision_reasons",
            "order_text",
            "order_delivery_method",
            "reaction_note",
            "reaction_at",
            "letter_available",
            "disputes",
            "filing_window",
            "deadline_explanation",
            "timeline",
        ]
