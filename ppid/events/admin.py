from __future__ import annotations

from django.contrib import admin

from ppid.core.readonly_admin import ReadOnlyAdmin
from ppid.events.models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Read-only: the event table is append-only."""

    list_display = ["created_at", "event_type", "object_repr", "actor", "actor_role", "office"]
    list_filter = ["event_type"]
    search_fields = ["object_repr", "note", "event_type"]
    list_select_related = ["actor", "office"]
    date_hierarchy = "created_at"
