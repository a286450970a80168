"""Admin for offices and work units. Saving goes through the services, so every correction is an event."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ppid.accounts.permissions import can
from ppid.offices.models import Office, WorkUnit
from ppid.offices.services import (
    OFFICE_EDITABLE_FIELDS,
    WORK_UNIT_EDITABLE_FIELDS,
    office_create,
    office_update,
    work_unit_create,
    work_unit_update,
)


class WorkUnitInline(admin.TabularInline[WorkUnit, Office]):
    model = WorkUnit
    extra = 0
    fields = ["name", "kind", "is_legal_unit", "is_active"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Office | None = None) -> bool:
        # Units are added on their own page, where the service records the event.
        return False

    def has_change_permission(self, request: HttpRequest, obj: Office | None = None) -> bool:
        return False


class OfficeAdminForm(forms.ModelForm[Office]):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Office
        fields = ["code", "level", "parent", *OFFICE_EDITABLE_FIELDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance._state.adding and not cleaned.get("parent"):
            # KPU RI exists once; every office added later sits below a parent.
            self.add_error("parent", _("A new office needs its parent office."))
        return cleaned


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin[Office]):
    form = OfficeAdminForm
    list_display = ["code", "name", "level", "time_zone", "opens_at", "closes_at", "is_active"]
    list_filter = ["level", "time_zone", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent"]
    inlines = [WorkUnitInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Office | None = None) -> list[str]:
        return ["code", "level", "parent", "path"] if obj else ["path"]

    def has_change_permission(self, request: HttpRequest, obj: Office | None = None) -> bool:
        return obj is None or can(request.user, "office:manage", obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_authenticated)

    def has_delete_permission(self, request: HttpRequest, obj: Office | None = None) -> bool:
        return False  # offices are deactivated, never deleted: history points at them

    def save_model(self, request: HttpRequest, obj: Office, form: ModelForm[Office], change: bool) -> None:
        if change:
            changes = {
                field: form.cleaned_data[field] for field in form.changed_data if field in OFFICE_EDITABLE_FIELDS
            }
            office_update(actor=request.user, office=obj, changes=changes)
        else:
            extra = {f: form.cleaned_data[f] for f in OFFICE_EDITABLE_FIELDS if f in form.cleaned_data}
            for key in ("name", "time_zone"):
                extra.pop(key, None)
            created = office_create(
                actor=request.user,
                parent=form.cleaned_data["parent"],
                code=obj.code,
                name=obj.name,
                level=obj.level,
                time_zone=obj.time_zone,
                **extra,
            )
            obj.pk = created.pk

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the only inline is read-only


@admin.register(WorkUnit)
class WorkUnitAdmin(admin.ModelAdmin[WorkUnit]):
    list_display = ["name", "office", "kind", "is_legal_unit", "is_active"]
    list_filter = ["kind", "is_legal_unit", "office__level"]
    search_fields = ["name", "office__name", "office__code"]
    list_select_related = ["office"]
    raw_id_fields = ["office"]

    def get_readonly_fields(self, request: HttpRequest, obj: WorkUnit | None = None) -> list[str]:
        return ["office"] if obj else []

    def has_change_permission(self, request: HttpRequest, obj: WorkUnit | None = None) -> bool:
        return obj is None or can(request.user, "office:manage", obj.office)

    def has_delete_permission(self, request: HttpRequest, obj: WorkUnit | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: WorkUnit, form: ModelForm[WorkUnit], change: bool) -> None:
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in WORK_UNIT_EDITABLE_FIELDS}
            work_unit_update(actor=request.user, unit=obj, changes=changes)
        else:
            created = work_unit_create(
                actor=request.user, office=obj.office, name=obj.name, kind=obj.kind, is_legal_unit=obj.is_legal_unit
            )
            obj.pk = created.pk
