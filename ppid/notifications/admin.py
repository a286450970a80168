"""Staff see the outbox, failures first, and can send a message again (through the service)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.core.readonly_admin import ReadOnlyAdmin
from ppid.notifications.models import OutboxMessage
from ppid.notifications.services import outbox_retry, outbox_visible_to


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject", "recipients", "office", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "dedupe_key"]
    list_select_related = ["office"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry_now"]

    @admin.display(description=gettext_lazy("to"))
    def recipients(self, obj: OutboxMessage) -> str:
        return ", ".join(obj.to)

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutboxMessage]:
        return outbox_visible_to(request.user).select_related("office")

    def _may_read(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff) and outbox_visible_to(user).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_read(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return outbox_visible_to(request.user).filter(pk=obj.pk).exists()
        return self._may_read(request)

    @admin.action(description=gettext_lazy("Send the selected messages again now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        try:
            count = outbox_retry(messages=queryset.select_related("office"), actor=request.user)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, _("%(count)s messages sent again.") % {"count": count}, messages.SUCCESS)
