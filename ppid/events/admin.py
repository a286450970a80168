from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from ppid.events.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    """Read-only: the event table is append-only."""

    list_display = ["created_at", "event_type", "object_repr", "actor", "actor_role", "office"]
    list_filter = ["event_type"]
    search_fields = ["object_repr", "note", "event_type"]
    list_select_related = ["actor", "office"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False
