"""Admin: a read-only view of disputes with their parties, sessions, rulings and follow-up tasks.
They change only through their service functions (the staff pages and API); their history is in
the events."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ppid.accounts.permissions import filter_visible
from ppid.core.readonly_admin import ReadOnlyAdmin, ReadOnlyInline
from ppid.disputes.models import Dispute, DisputeParty, DisputeRuling, DisputeSession, FollowUpTask


class PartyInline(ReadOnlyInline):
    model = DisputeParty
    fields = ["role", "name", "representative"]


class SessionInline(ReadOnlyInline):
    model = DisputeSession
    fields = ["kind", "held_on", "place", "summary"]


class RulingInline(ReadOnlyInline):
    model = DisputeRuling
    fields = ["forum", "number", "ruled_on", "received_on", "orders", "summary"]


class TaskInline(ReadOnlyInline):
    model = FollowUpTask
    fk_name = "dispute"
    fields = ["kind", "description", "due_on", "done_at", "done_by", "result"]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    # Documents are left out: case files may hold the requester's personal data (UU PDP); they are
    # read on the staff pages, where the office's rule applies.
    list_display = [
        "dispute_number",
        "office",
        "request",
        "commission",
        "ki_case_number",
        "stage",
        "outcome",
        "filed_on",
        "is_late",
    ]
    list_filter = ["stage", "outcome", "is_late", "reported_by_requester", "office__level"]
    search_fields = ["dispute_number", "ki_case_number", "objection__objection_number", "request__registration_number"]
    list_select_related = ["office", "request"]
    date_hierarchy = "filed_on"
    inlines = [PartyInline, SessionInline, RulingInline, TaskInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Dispute]:
        return filter_visible(request.user, "dispute:view", super().get_queryset(request))


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(ReadOnlyAdmin):
    """Tasks are completed by the Atasan PPID or the PPID on the dispute's page (task_complete)."""

    list_display = ["dispute", "office", "kind", "due_on", "done_at", "done_by"]
    list_filter = ["kind", ("done_at", admin.EmptyFieldListFilter), "office__level"]
    search_fields = ["dispute__dispute_number"]
    list_select_related = ["dispute", "office", "done_by"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[FollowUpTask]:
        return filter_visible(request.user, "dispute:view", super().get_queryset(request))
