"""Admin: a read-only view of consequence tests, their opinions and the exemptions (DIK). They change
only through their service functions (the staff pages and API); their history is in the events."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ppid.core.readonly_admin import ReadOnlyAdmin, ReadOnlyInline
from ppid.exemptions.models import ConsequenceOpinion, ConsequenceTest, Exemption
from ppid.exemptions.selectors import visible_exemptions, visible_tests


class OpinionInline(ReadOnlyInline):
    model = ConsequenceOpinion
    fields = ("kind", "name", "position", "opinion", "agrees", "signed_at")
    readonly_fields = ("kind", "name", "position", "opinion", "agrees", "signed_at")


@admin.register(ConsequenceTest)
class ConsequenceTestAdmin(ReadOnlyAdmin):
    list_display = ["number", "information", "origin_office", "status", "conclusion", "created_at"]
    list_filter = ["status", "conclusion", "trigger", "origin_office__level"]
    search_fields = ["number", "information"]
    list_select_related = ["origin_office"]
    date_hierarchy = "created_at"
    inlines = [OpinionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ConsequenceTest]:
        # The same rule as the staff list: the testing office or the office that asked.
        return visible_tests(request.user).select_related("origin_office")


@admin.register(Exemption)
class ExemptionAdmin(ReadOnlyAdmin):
    list_display = ["information", "decision_number", "decision_date", "valid_until", "status", "review_flagged_at"]
    list_filter = ["status", "national", "basis_kind", "pasal17_letter"]
    search_fields = ["information", "decision_number"]
    list_select_related = ["office"]
    date_hierarchy = "decision_date"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Exemption]:
        return visible_exemptions(request.user)
