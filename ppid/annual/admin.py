"""Admin: a read-only view of the annual reports (Perki 1/2021 Pasal 56). They are written, submitted,
approved and published only through ppid.annual.services (the staff pages); their history is in the
events. The rule saying when reports are due is data an administrator may correct."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ppid.annual.models import AnnualReport, AnnualReportRule
from ppid.annual.selectors import visible_reports
from ppid.core.readonly_admin import ReadOnlyAdmin


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["report_office", "year", "rollup", "status", "submitted", "approved", "published"]
    list_filter = ["status", "year", "rollup", "office__level"]
    search_fields = ["office__name", "office__code"]
    list_select_related = ["office"]
    readonly_fields = ["submitted", "approved", "published"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AnnualReport]:
        # The staff pages' rule: the office's own reports and, as monitoring, those of the offices below.
        return visible_reports(request.user)

    @admin.display(description=_("office"), ordering="office__path")
    def report_office(self, obj: AnnualReport) -> Any:
        return obj.office

    @admin.display(description=_("submitted at"), ordering="submitted_at")
    def submitted(self, obj: AnnualReport) -> Any:
        return obj.submitted_at

    @admin.display(description=_("approved at"), ordering="approved_at")
    def approved(self, obj: AnnualReport) -> Any:
        return obj.approved_at

    @admin.display(description=_("published at"), ordering="published_at")
    def published(self, obj: AnnualReport) -> Any:
        return obj.published_at


@admin.register(AnnualReportRule)
class AnnualReportRuleAdmin(admin.ModelAdmin[AnnualReportRule]):
    list_display = ["valid_from", "due_months_after_year_end", "reminder_days_before_due", "citation"]
