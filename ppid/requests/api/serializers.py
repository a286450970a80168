"""API input and output shapes for information requests. No logic here: the views call the services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ppid.requests.models import (
    AttachmentKind,
    Channel,
    DeliveryMethod,
    ExemptionGround,
    InformationRequest,
    NoticeCost,
    ObtainMethod,
    RequestAttachment,
    Requester,
    RequesterKind,
    WrittenNotice,
)
from ppid.requests.workflow import Outcome, Status

# The attachments a requester may upload with a request, one optional file field each.
UPLOAD_KINDS = [kind for kind in AttachmentKind if kind != AttachmentKind.ANSWER]

# --- input -----------------------------------------------------------------------------------


class RequestCreateInput(serializers.Serializer[Any]):
    """RULES.md §4: who asks, what, for what purpose, how to obtain and receive it."""

    office = serializers.CharField(help_text="Region code of the KPU office asked, e.g. 32.73")
    channel = serializers.ChoiceField(
        choices=Channel.choices,
        default=Channel.ONLINE,
        help_text="online for anyone; the other channels are recorded by the service desk (request:register)",
    )
    received_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Desk channels only: when it was really received (max. 7 days ago)"
    )
    requester_kind = serializers.ChoiceField(choices=RequesterKind.choices)
    name = serializers.CharField(max_length=200)
    address = serializers.CharField()
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    nik = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    legal_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    proxy_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    occupation = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    information_requested = serializers.CharField()
    purpose = serializers.CharField()
    obtain_method = serializers.ChoiceField(choices=ObtainMethod.choices)
    delivery_method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    submission_key = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Same as the Idempotency-Key header: a repeated key returns the first request",
    )
    ktp = serializers.FileField(required=False, help_text="KTP scan (PDF, JPEG or PNG)")
    deed = serializers.FileField(required=False, help_text="Deed or Kemenkumham approval")
    power_of_attorney = serializers.FileField(required=False, help_text="Power of attorney")
    proxy_ktp = serializers.FileField(required=False, help_text="Proxy's KTP scan")
    supporting = serializers.FileField(required=False, help_text="Supporting document")


class RequestListQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, help_text="Region code of one office")
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    overdue = serializers.BooleanField(
        required=False, default=False, help_text="true: only open requests past their deadline"
    )


class AssignInput(serializers.Serializer[Any]):
    work_units = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MarkIncompleteInput(serializers.Serializer[Any]):
    missing = serializers.CharField(allow_blank=True, help_text="What the requester must still provide")


class NoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInput(serializers.Serializer[Any]):
    reason = serializers.CharField(allow_blank=True)


class OptionalReasonInput(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CostLineInput(serializers.Serializer[Any]):
    description = serializers.CharField(max_length=200)
    quantity = serializers.IntegerField(min_value=1)
    unit_price = serializers.IntegerField(min_value=0, help_text="Rupiah")


class DecideInput(serializers.Serializer[Any]):
    """The written notice, Pasal 22 ayat (7) huruf a-g UU 14/2008."""

    outcome = serializers.ChoiceField(choices=Outcome.choices)
    delivery_method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    reasoning = serializers.CharField(required=False, allow_blank=True, default="")
    holder_body = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    exemption_ground = serializers.ChoiceField(
        choices=ExemptionGround.choices, required=False, allow_blank=True, default=""
    )
    information_given = serializers.CharField(required=False, allow_blank=True, default="")
    blacked_out = serializers.CharField(required=False, allow_blank=True, default="")
    delivery_format = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    payment_instructions = serializers.CharField(required=False, allow_blank=True, default="")
    costs = CostLineInput(many=True, required=False, default=list)


class DeliverInput(serializers.Serializer[Any]):
    delivery_method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    delivered_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    amount_paid = serializers.IntegerField(min_value=0, required=False, default=0, help_text="Rupiah")
    proof = serializers.FileField(required=False, allow_null=True, default=None, help_text="Proof of delivery")


class ForwardInput(serializers.Serializer[Any]):
    to_office = serializers.CharField(help_text="Region code of the KPU office that holds the information")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TrackInput(serializers.Serializer[Any]):
    registration_number = serializers.CharField(max_length=40)
    second_factor = serializers.CharField(
        max_length=254, help_text="The e-mail address given with the request, or the last 4 digits of the telephone"
    )


# --- output ----------------------------------------------------------------------------------


class RequesterOutput(serializers.ModelSerializer[Requester]):
    """Personal data (UU PDP): only ever sent to staff of the request's own office and to the requester."""

    kind = serializers.CharField(read_only=True, help_text="individual, legal_entity or group")

    class Meta:
        model = Requester
        fields = ["kind", "name", "nik", "legal_number", "proxy_name", "address", "email", "phone", "occupation"]


class RequestOutput(serializers.ModelSerializer[InformationRequest]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    due_on = serializers.DateField(read_only=True, allow_null=True)
    requester_kind = serializers.CharField(source="requester.kind", read_only=True)
    requester = RequesterOutput(read_only=True, allow_null=True, help_text="null unless you may see personal data")

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "registration_number",
            "office",
            "office_name",
            "channel",
            "status",
            "status_label",
            "outcome",
            "outcome_label",
            "received_at",
            "notice_due_on",
            "extended_due_on",
            "due_on",
            "information_requested",
            "requester_kind",
            "requester",
        ]


class AssignmentOutput(serializers.Serializer[Any]):
    work_unit = serializers.IntegerField(source="work_unit.id")
    work_unit_name = serializers.CharField(source="work_unit.name")
    note = serializers.CharField()
    assigned_at = serializers.DateTimeField()


class AttachmentOutput(serializers.ModelSerializer[RequestAttachment]):
    class Meta:
        model = RequestAttachment
        fields = ["id", "kind", "original_name", "content_type", "size", "sha256", "uploaded_at"]


class NoticeCostOutput(serializers.ModelSerializer[NoticeCost]):
    amount = serializers.IntegerField(read_only=True)

    class Meta:
        model = NoticeCost
        fields = ["description", "quantity", "unit_price", "amount"]


class NoticeOutput(serializers.ModelSerializer[WrittenNotice]):
    costs = NoticeCostOutput(many=True, read_only=True)
    total_cost = serializers.IntegerField(read_only=True)

    class Meta:
        model = WrittenNotice
        fields = [
            "outcome",
            "holder_body",
            "exemption_ground",
            "reasoning",
            "information_given",
            "blacked_out",
            "delivery_method",
            "delivery_format",
            "payment_instructions",
            "costs",
            "total_cost",
            "signer_name",
            "signer_position",
            "issued_at",
        ]


class DeliveryOutput(serializers.Serializer[Any]):
    method = serializers.CharField()
    delivered_at = serializers.DateTimeField()
    amount_paid = serializers.IntegerField()
    paid_at = serializers.DateTimeField(allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)


class RequestDetailOutput(RequestOutput):
    forwarded_to = serializers.CharField(source="forwarded_to.registration_number", read_only=True, allow_null=True)
    assignments = AssignmentOutput(many=True, read_only=True)
    attachments = AttachmentOutput(many=True, read_only=True)
    notice = NoticeOutput(read_only=True, allow_null=True)
    delivery = DeliveryOutput(read_only=True, allow_null=True)
    deadline_explanation = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="How the notice deadline was counted"
    )

    class Meta(RequestOutput.Meta):
        fields = [
            *RequestOutput.Meta.fields,
            "purpose",
            "obtain_method",
            "delivery_method",
            "clock_started_at",
            "completeness_check_due_on",
            "completion_due_on",
            "missing_requirements",
            "extension_reason",
            "forwarded_to",
            "assignments",
            "attachments",
            "notice",
            "delivery",
            "deadline_explanation",
        ]


class SubmittedOutput(serializers.Serializer[Any]):
    """What anyone who submits gets back: the registration number at once (Pasal 22 ayat (4))."""

    id = serializers.IntegerField()
    registration_number = serializers.CharField()
    office = serializers.CharField()
    status = serializers.CharField()
    received_at = serializers.DateTimeField()
    notice_due_on = serializers.DateField(allow_null=True)


class TimelineEntryOutput(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]  # DRF moves declared fields off the class
    date = serializers.DateField()


class TrackOutput(serializers.Serializer[Any]):
    """Public tracking: never personal data of anyone, only the request's progress."""

    registration_number = serializers.CharField()
    office = serializers.CharField()
    office_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    received_on = serializers.DateField()
    due_on = serializers.DateField(allow_null=True)
    extended = serializers.BooleanField()
    completion_due_on = serializers.DateField(allow_null=True)
    forwarded_to = serializers.CharField(allow_null=True)
    explanation = serializers.ListField(child=serializers.CharField())
    timeline = TimelineEntryOutput(many=True)


class ErrorOutput(serializers.Serializer[Any]):
    detail = serializers.CharField()
