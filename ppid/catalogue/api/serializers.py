"""API input and output shapes for the DIP and the DIK. No logic here: the views call the services."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from ppid.catalogue.models import CollectionRound, InformationItem, ItemDocument, RoundEntry, UnitList
from ppid.catalogue.workflow import Category, OnDemandType, RoundStatus
from ppid.exemptions.models import Exemption

# --- input -----------------------------------------------------------------------------------


class ItemListQuery(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Full-text search: title, summary, tags, document text"
    )
    category = serializers.ChoiceField(
        choices=[c for c in Category.choices if c[0] != Category.DIKECUALIKAN],
        required=False,
        help_text="Exempt information is listed at /api/v1/dik/",
    )
    type = serializers.ChoiceField(
        choices=OnDemandType.choices, required=False, help_text="Letter a-h of Pasal 11 ayat (1) (setiap saat)"
    )
    office = serializers.CharField(required=False, help_text="Region code of one office, e.g. 32.73")
    province = serializers.CharField(required=False, help_text="Province code: the province and its regencies")
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    unit = serializers.IntegerField(required=False, min_value=1, help_text="Work unit id (see /api/v1/offices/<code>/)")


class DikListQuery(serializers.Serializer[Any]):
    kantor = serializers.CharField(
        required=False,
        help_text="Region code of an office: the exemptions that apply to it (national ones and its own)",
    )


class RoundListQuery(serializers.Serializer[Any]):
    office = serializers.CharField(required=False, help_text="Region code of one office")
    status = serializers.ChoiceField(choices=RoundStatus.choices, required=False)


class RoundOpenInput(serializers.Serializer[Any]):
    """Seed d.2: the PPID opens a round; every active work unit of the office gets its list."""

    office = serializers.CharField(help_text="Region code of the office")
    name = serializers.CharField(max_length=200, allow_blank=True, help_text="e.g. Semester II 2026")
    due_on = serializers.DateField(help_text="The date by which the units submit")


class ItemChangesInput(serializers.Serializer[Any]):
    """The item fields a person writes; in an update or a correction only the fields sent change."""

    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    on_demand_type = serializers.ChoiceField(
        choices=OnDemandType.choices, required=False, allow_blank=True, help_text="Setiap saat only: a-h"
    )
    work_unit = serializers.IntegerField(required=False, min_value=1, help_text="Work unit id")
    mandatory_item = serializers.CharField(
        max_length=60, required=False, allow_blank=True, help_text="Key of the mandatory item it fulfils"
    )
    responsible_official = serializers.CharField(max_length=200, required=False, allow_blank=True)
    made_when = serializers.CharField(max_length=100, required=False, allow_blank=True)
    made_where = serializers.CharField(max_length=200, required=False, allow_blank=True)
    format = serializers.CharField(max_length=100, required=False, allow_blank=True)
    retention_period = serializers.CharField(max_length=100, required=False, allow_blank=True)
    year = serializers.IntegerField(required=False)
    tags = serializers.CharField(max_length=300, required=False, allow_blank=True, help_text="Separated by commas")


class DocumentInputMixin(serializers.Serializer[Any]):
    file = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="The document (PDF, JPEG or PNG), multipart"
    )
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="", help_text="Or a link")


class NewItemInput(DocumentInputMixin):
    """Seed e.2: the unit's liaison team proposes a new item, optionally with its document."""

    title = serializers.CharField(max_length=300, allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices)
    on_demand_type = serializers.ChoiceField(
        choices=OnDemandType.choices, required=False, allow_blank=True, default="", help_text="Setiap saat only: a-h"
    )
    work_unit = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Work unit id; the list's own unit when left out"
    )
    mandatory_item = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    responsible_official = serializers.CharField(max_length=200, allow_blank=True)
    made_when = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    made_where = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    format = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    retention_period = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    year = serializers.IntegerField()
    tags = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="Note from the unit")


class UpdateInput(ItemChangesInput, DocumentInputMixin):
    """The unit proposes an update of one of its published items: new values and/or a new document
    version; applied when the Atasan PPID approves the list (an empty update confirms it is current)."""

    item = serializers.IntegerField(min_value=1, help_text="Id of the published item")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectInput(ItemChangesInput):
    """Seed c.3: the Atasan PPID corrects an entry of the list and says what and why."""

    entry = serializers.IntegerField(min_value=1, help_text="Id of the entry in this list")
    correction = serializers.CharField(allow_blank=True, help_text="What was corrected and why")


class ListNoteInput(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnInput(serializers.Serializer[Any]):
    note = serializers.CharField(allow_blank=True, help_text="What the unit must fix")


# --- output ----------------------------------------------------------------------------------


class UnitRefOutput(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ItemOutput(serializers.ModelSerializer[InformationItem]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    on_demand_type_label = serializers.CharField(source="get_on_demand_type_display", read_only=True)
    work_unit = UnitRefOutput(read_only=True)
    mandatory_item: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="key", read_only=True, allow_null=True
    )
    tags = serializers.ListField(source="tag_list", child=serializers.CharField(), read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = InformationItem
        fields = [
            "id",
            "office",
            "office_name",
            "title",
            "summary",
            "category",
            "category_label",
            "on_demand_type",
            "on_demand_type_label",
            "work_unit",
            "responsible_official",
            "made_when",
            "made_where",
            "format",
            "retention_period",
            "year",
            "tags",
            "mandatory_item",
            "status",
            "status_label",
            "published_at",
            "refreshed_on",
            "awaiting_review",
        ]


class ItemDocumentOutput(serializers.ModelSerializer[ItemDocument]):
    link = serializers.URLField(source="url", read_only=True, help_text="For a link document: where it is")
    download_url = serializers.CharField(
        read_only=True, allow_null=True, help_text="The latest version of a published item; null otherwise"
    )

    class Meta:
        model = ItemDocument
        fields = [
            "id",
            "version",
            "title",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "link",
            "download_url",
        ]


class ExemptionOutput(serializers.ModelSerializer[Exemption]):
    """A DIK entry: what is closed, why and until when (never the closed content)."""

    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    ground_label = serializers.CharField(read_only=True, help_text="Pasal 17 letter and point, or the other law")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    in_force = serializers.SerializerMethodField(help_text="In force today")

    class Meta:
        model = Exemption
        fields = [
            "id",
            "information",
            "basis_kind",
            "pasal17_letter",
            "pasal17_point",
            "other_law",
            "ground_label",
            "consequence",
            "national",
            "office",
            "office_name",
            "valid_from",
            "valid_until",
            "decision_number",
            "decision_date",
            "status",
            "status_label",
            "in_force",
        ]

    def get_in_force(self, obj: Exemption) -> bool:
        return obj.is_in_force(timezone.localdate())


class ItemDetailOutput(ItemOutput):
    summary = serializers.CharField(read_only=True, allow_null=True, help_text="null for exempt (closed) items")
    tags = serializers.ListField(
        source="tag_list", child=serializers.CharField(), read_only=True, allow_null=True, help_text="null when closed"
    )
    closed = serializers.BooleanField(
        read_only=True, help_text="Dikecualikan (Pasal 17): summary, tags and documents are withheld"
    )
    documents = ItemDocumentOutput(
        many=True, read_only=True, source="documents_shown", help_text="Versions, newest first"
    )
    exemption = ExemptionOutput(read_only=True, allow_null=True, help_text="The DIK entry that closes the item")

    class Meta(ItemOutput.Meta):
        fields = [*ItemOutput.Meta.fields, "closed", "documents", "exemption"]


class RoundOutput(serializers.ModelSerializer[CollectionRound]):
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lists_total = serializers.IntegerField(read_only=True, help_text="Unit lists in the round")
    lists_approved = serializers.IntegerField(read_only=True, help_text="Of which approved")

    class Meta:
        model = CollectionRound
        fields = [
            "id",
            "office",
            "office_name",
            "name",
            "due_on",
            "status",
            "status_label",
            "opened_at",
            "closed_at",
            "lists_total",
            "lists_approved",
        ]


class UnitListOutput(serializers.ModelSerializer[UnitList]):
    work_unit = UnitRefOutput(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    entries_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = UnitList
        fields = [
            "id",
            "round",
            "work_unit",
            "status",
            "status_label",
            "submitted_at",
            "arranged_at",
            "approved_at",
            "sent_to_advisory_at",
            "note",
            "entries_count",
        ]


class RoundDetailOutput(RoundOutput):
    unit_lists = UnitListOutput(many=True, read_only=True, source="lists")

    class Meta(RoundOutput.Meta):
        fields = [*RoundOutput.Meta.fields, "unit_lists"]


class EntryOutput(serializers.ModelSerializer[RoundEntry]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    item = ItemOutput(read_only=True)
    proposed = serializers.JSONField(read_only=True, help_text="An update's new values (foreign keys by id)")

    class Meta:
        model = RoundEntry
        fields = ["id", "kind", "kind_label", "item", "proposed", "note", "correction", "created_at"]


class UnitListDetailOutput(UnitListOutput):
    round_name = serializers.CharField(source="round.name", read_only=True)
    office: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        source="round.office", slug_field="code", read_only=True
    )
    entries = EntryOutput(many=True, read_only=True, source="entry_rows")

    class Meta(UnitListOutput.Meta):
        fields = [*UnitListOutput.Meta.fields, "round_name", "office", "entries"]
