"""Admin for people and their roles. Appointments go through the services (one event each)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ppid.accounts.models import RoleMembership, User
from ppid.accounts.permissions import can
from ppid.accounts.services import membership_end, membership_grant


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "full_name", "email", "kind", "is_active"]
    list_filter = ["kind", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("PPID"), {"fields": ("kind", "full_name", "phone")}),
    )


@admin.register(RoleMembership)
class RoleMembershipAdmin(admin.ModelAdmin[RoleMembership]):
    list_display = ["user", "role", "office", "work_unit", "valid_from", "valid_until"]
    list_filter = ["role", "office__level"]
    search_fields = ["user__username", "user__full_name", "office__name", "office__code"]
    list_select_related = ["user", "office", "work_unit"]
    raw_id_fields = ["user", "office", "work_unit"]

    def get_readonly_fields(self, request: HttpRequest, obj: RoleMembership | None = None) -> list[str]:
        # An appointment is ended, not rewritten: only its end date can change.
        if obj:
            return ["user", "office", "role", "work_unit", "position", "decree_number", "valid_from"]
        return []

    def has_change_permission(self, request: HttpRequest, obj: RoleMembership | None = None) -> bool:
        return obj is None or can(request.user, "membership:manage", obj.office)

    def has_delete_permission(self, request: HttpRequest, obj: RoleMembership | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RoleMembership, form: ModelForm[RoleMembership], change: bool
    ) -> None:
        if change:
            if "valid_until" in form.changed_data and obj.valid_until is not None:
                membership_end(actor=request.user, membership=obj, on=obj.valid_until)
            return
        created = membership_grant(
            actor=request.user,
            user=obj.user,
            office=obj.office,
            role=obj.role,
            work_unit=obj.work_unit,
            valid_from=obj.valid_from,
            valid_until=obj.valid_until,
            position=obj.position,
            decree_number=obj.decree_number,
        )
        obj.pk = created.pk
