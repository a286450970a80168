"""Admin: a read-only view of objections. They change only through their service functions (the
staff pages and API); their history is in the events."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ppid.accounts.permissions import filter_visible
from ppid.core.readonly_admin import ReadOnlyAdmin
from ppid.objections.models import Objection


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = [
        "objection_number",
        "office",
        "request",
        "grounds",
        "status",
        "outcome",
        "is_late",
        "received_at",
        "answer_due_on",
    ]
    list_filter = ["status", "outcome", "is_late", "channel", "reaction", "office__level"]
    search_fields = ["objection_number", "request__registration_number"]
    list_select_related = ["office", "request"]
    date_hierarchy = "received_at"
    # The proof of delivery and the answer letter carry the requester's contact details: they stay
    # on the staff pages, where the office's personal-data rule applies (UU PDP).
    exclude = ["order_proof", "letter_pdf", "submission_key"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Objection]:
        return filter_visible(request.user, "objection:view", super().get_queryset(request))
