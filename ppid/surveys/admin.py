"""Admin of the survey: the elements and bands are data an administrator may correct."""

from __future__ import annotations

from django.contrib import admin

from ppid.core.readonly_admin import ReadOnlyAdmin
from ppid.surveys.models import SurveyBand, SurveyElement, SurveyInvitation


@admin.register(SurveyElement)
class SurveyElementAdmin(admin.ModelAdmin[SurveyElement]):
    list_display = ["position", "code", "name", "is_active"]
    list_display_links = ["code"]
    ordering = ["position"]


@admin.register(SurveyBand)
class SurveyBandAdmin(admin.ModelAdmin[SurveyBand]):
    list_display = ["code", "label", "min_ikm", "max_ikm"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    """Read-only: invitations are written by the survey services alone."""

    list_display = ["request", "sent_at", "expires_at", "answered_at"]
    readonly_fields = ["request", "sent_at", "expires_at", "answered_at"]
