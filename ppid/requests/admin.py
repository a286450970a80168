"""Admin: the rate card per office (through its service) and a read-only view of requests."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from ppid.accounts.permissions import can, filter_visible
from ppid.core.readonly_admin import ReadOnlyAdmin
from ppid.requests.models import InformationRequest, RateCardItem
from ppid.requests.rate_card import RATE_CARD_FIELDS, rate_card_item_save


@admin.register(RateCardItem)
class RateCardItemAdmin(admin.ModelAdmin[RateCardItem]):
    list_display = ["office", "name", "unit", "price", "is_active"]
    list_filter = ["is_active", "office__level"]
    search_fields = ["name", "office__name", "office__code"]
    list_select_related = ["office"]
    raw_id_fields = ["office"]

    def get_readonly_fields(self, request: HttpRequest, obj: RateCardItem | None = None) -> list[str]:
        return ["office"] if obj else []

    def has_change_permission(self, request: HttpRequest, obj: RateCardItem | None = None) -> bool:
        return obj is None or can(request.user, "rate_card:manage", obj.office)

    def has_delete_permission(self, request: HttpRequest, obj: RateCardItem | None = None) -> bool:
        return False  # deactivate instead: notices issued with the rate keep pointing at it

    def save_model(self, request: HttpRequest, obj: RateCardItem, form: ModelForm[RateCardItem], change: bool) -> None:
        values = {field: form.cleaned_data[field] for field in RATE_CARD_FIELDS if field in form.cleaned_data}
        existing = RateCardItem.objects.get(pk=obj.pk) if change else None
        saved = rate_card_item_save(actor=request.user, office=obj.office, item=existing, values=values)
        obj.pk = saved.pk


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    """Read-only: requests change only through their service functions (the staff pages and API)."""

    list_display = ["registration_number", "office", "status", "outcome", "received_at", "notice_due_on"]
    list_filter = ["status", "outcome", "channel"]
    search_fields = ["registration_number"]
    list_select_related = ["office"]
    exclude = ["requester"]  # personal data stays on the staff pages, where the office rule applies

    def get_queryset(self, request: HttpRequest) -> QuerySet[InformationRequest]:
        return filter_visible(request.user, "request:view", super().get_queryset(request))
