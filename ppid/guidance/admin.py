"""Admin: a read-only view of directions, their addressees and follow-up reports, and the work plans
with their activities. They change only through ppid.guidance.services (the staff pages); their
history is in the events."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ppid.core.readonly_admin import ReadOnlyAdmin, ReadOnlyInline
from ppid.guidance.models import Direction, DirectionAddressee, DirectionReport, PlanActivity, WorkPlan
from ppid.guidance.selectors import inbox, issued_visible, visible_plans


def directions_visible(user: Any) -> QuerySet[Direction]:
    """The staff pages' rule: directions the user issues (by role) or answers as an addressed PPID."""
    return Direction.objects.filter(
        Q(pk__in=issued_visible(user).values("pk")) | Q(pk__in=inbox(user).values("direction_id"))
    )


class ReportInline(ReadOnlyInline):
    # The attached document is left out: it is read on the staff page, where the office's rule applies.
    model = DirectionReport
    fields = ["reported_at", "reported_by", "text"]
    readonly_fields = ["reported_at", "reported_by", "text"]

    @admin.display(description=_("date"), ordering="created_at")
    def reported_at(self, obj: DirectionReport) -> Any:
        return obj.created_at

    @admin.display(description=_("reported by"))
    def reported_by(self, obj: DirectionReport) -> Any:
        return obj.created_by


@admin.register(Direction)
class DirectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "office", "issuer_role", "scope", "due_on", "issued_at", "addressee_link"]
    list_filter = ["issuer_role", "scope", "office__level"]
    search_fields = ["title", "text", "office__name", "office__code"]
    list_select_related = ["office"]
    date_hierarchy = "created_at"
    readonly_fields = ["addressee_link"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Direction]:
        return directions_visible(request.user).select_related("office").annotate(addressee_count=Count("addressees"))

    @admin.display(description=_("addressees"))
    def addressee_link(self, obj: Direction) -> str:
        # A direction to every office below KPU RI has 552 addressees: listed (and filtered by
        # status) on their own page rather than inline.
        url = reverse("admin:guidance_directionaddressee_changelist")
        return format_html('<a href="{}?direction={}">{}</a>', url, obj.pk, getattr(obj, "addressee_count", ""))

    @admin.display(description=_("created at"), ordering="created_at")
    def issued_at(self, obj: Direction) -> Any:
        return obj.created_at


@admin.register(DirectionAddressee)
class DirectionAddresseeAdmin(ReadOnlyAdmin):
    list_display = ["direction_title", "office", "status", "acknowledged_at", "last_reported_at", "closed_at"]
    list_filter = ["status", "direction__issuer_role", "office__level"]
    search_fields = ["direction__title", "office__name", "office__code"]
    list_select_related = ["direction", "office"]
    inlines = [ReportInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[DirectionAddressee]:
        return super().get_queryset(request).filter(direction__in=directions_visible(request.user).values("pk"))

    @admin.display(description=_("direction"), ordering="direction__title")
    def direction_title(self, obj: DirectionAddressee) -> str:
        return obj.direction.title


class ActivityInline(ReadOnlyInline):
    model = PlanActivity
    fields = ["title", "target", "target_value", "owner", "starts_on", "ends_on", "progress", "status"]


@admin.register(WorkPlan)
class WorkPlanAdmin(ReadOnlyAdmin):
    list_display = ["office", "year", "status", "evaluated_at"]
    list_filter = ["status", "year", "office__level"]
    search_fields = ["office__name", "office__code"]
    list_select_related = ["office"]
    inlines = [ActivityInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WorkPlan]:
        return visible_plans(request.user).select_related("office")
