"""Admin for the calendar and rule sets. Every save and delete goes through a service (event + recompute)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from ppid.accounts.permissions import can_anywhere
from ppid.workdays import services, stages
from ppid.workdays.models import CalendarDay, DeadlineRule, ElectionStage, RuleSet


def _changes(obj: Any, form: Any, editable: list[str]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in editable}


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Turns a refused service call into an admin message instead of an error page."""

    def _call(self, request: HttpRequest, func: Any, **kwargs: Any) -> Any:
        try:
            return func(**kwargs)
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            return None

    def _may_manage(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff) and can_anywhere(user, "calendar:manage")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._may_manage(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._may_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(CalendarDay)
class CalendarDayAdmin(ServiceAdmin):
    list_display = ["date", "kind", "name", "scope", "province_code", "office", "source", "is_active"]
    list_filter = ["kind", "scope", "source", "is_active"]
    search_fields = ["name", "decree", "office__name", "office__code"]
    date_hierarchy = "date"
    autocomplete_fields = ["office"]
    readonly_fields = ["source", "updated_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The scope of a day is fixed once recorded: remove it and add another instead.
        return [*self.readonly_fields, "scope", "province_code", "office"] if obj else list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        if change:
            self._call(
                request,
                services.calendar_day_update,
                actor=request.user,
                day=obj,
                changes=_changes(obj, form, services.CALENDAR_DAY_EDITABLE),
            )
        else:
            data = form.cleaned_data
            created = self._call(
                request,
                services.calendar_day_create,
                actor=request.user,
                date=data["date"],
                kind=data["kind"],
                name=data["name"],
                scope=data["scope"],
                province_code=data.get("province_code", ""),
                office=data.get("office"),
                decree=data.get("decree", ""),
                note=data.get("note", ""),
            )
            if created is not None:
                obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        self._call(request, services.calendar_day_remove, actor=request.user, day=obj)


class DeadlineRuleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = DeadlineRule
    extra = 0
    fields = ["step", "working_days", "citation", "needs_verification", "note"]


@admin.register(RuleSet)
class RuleSetAdmin(ServiceAdmin):
    list_display = ["name", "kind", "citation", "valid_from", "valid_until"]
    list_filter = ["kind"]
    inlines = [DeadlineRuleInline]

    def save_model(self, request: HttpRequest, obj: RuleSet, form: Any, change: bool) -> None:
        if change:
            self._call(
                request,
                services.rule_set_update,
                actor=request.user,
                rule_set=obj,
                changes=_changes(obj, form, services.RULE_SET_FIELDS),
            )
        else:
            created = self._call(
                request,
                services.rule_set_create,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in services.RULE_SET_FIELDS},
            )
            if created is not None:
                obj.pk = created.pk

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline in formset.forms:
            if not inline.has_changed() or not inline.is_valid() or inline in formset.deleted_forms:
                continue
            rule = inline.instance
            if rule.pk:
                self._call(
                    request,
                    services.deadline_rule_update,
                    actor=request.user,
                    rule=rule,
                    changes=_changes(rule, inline, services.DEADLINE_RULE_EDITABLE),
                )
            else:
                data = inline.cleaned_data
                self._call(
                    request,
                    services.deadline_rule_create,
                    actor=request.user,
                    rule_set=form.instance,
                    step=data["step"],
                    working_days=data["working_days"],
                    citation=data["citation"],
                    needs_verification=data.get("needs_verification", False),
                    note=data.get("note", ""),
                )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Rule sets are history: end one with valid_until instead of deleting it.
        return False


@admin.register(ElectionStage)
class ElectionStageAdmin(ServiceAdmin):
    list_display = ["name", "kind", "starts_on", "ends_on", "all_offices", "rule_set"]
    list_filter = ["kind", "all_offices"]
    autocomplete_fields = ["offices"]

    def save_model(self, request: HttpRequest, obj: ElectionStage, form: Any, change: bool) -> None:
        """Nothing here: the service runs in save_related, where the chosen offices are known."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            offices = list(data["offices"]) if "offices" in form.changed_data else None
            self._call(
                request,
                stages.election_stage_update,
                actor=request.user,
                stage=form.instance,
                changes=_changes(form.instance, form, stages.ELECTION_STAGE_FIELDS),
                offices=offices,
            )
        else:
            created = self._call(
                request,
                stages.election_stage_create,
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                all_offices=data["all_offices"],
                offices=list(data["offices"]),
                rule_set=data.get("rule_set"),
            )
            if created is not None:
                form.instance.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: ElectionStage) -> None:
        self._call(request, stages.election_stage_remove, actor=request.user, stage=obj)
