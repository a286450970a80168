"""The append-only event table: the audit trail and the timeline people read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an event: history is only ever added to."""


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Events cannot be updated.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Events cannot be updated.")

    def for_object(self, obj: models.Model) -> EventQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def for_objects(self, objs: Iterable[models.Model]) -> EventQuerySet:
        """The events of all `objs` together, e.g. a request with its objections and disputes."""
        ids_by_type: dict[ContentType, set[str]] = {}
        for obj in objs:
            ids_by_type.setdefault(ContentType.objects.get_for_model(obj), set()).add(str(obj.pk))
        condition = models.Q(pk__in=[])
        for content_type, ids in ids_by_type.items():
            condition |= models.Q(content_type=content_type, object_id__in=sorted(ids))
        return self.filter(condition)


class Event(models.Model):
    """One thing that happened: who, in which role, at which office, what changed, and why.

    Rows are never updated or deleted (Python guards here; database triggers in migration 0002).
    Foreign keys PROTECT, so removing a person or office can never rewrite history.
    """

    event_type = models.CharField(_("event"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_role = models.CharField(_("acting as"), max_length=20, blank=True)
    office = models.ForeignKey(
        "offices.Office", verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    payload = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"]),
            models.Index(fields=["office", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.event_type} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Events cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Events cannot be deleted.")

    @property
    def label(self) -> str:
        from ppid.events.registry import label_for

        return str(label_for(self.event_type))

    @property
    def actor_role_label(self) -> str:
        from ppid.accounts.roles import Role

        if self.actor_role in Role.values:
            return str(Role(self.actor_role).label)
        return str(_("Requester")) if self.actor_role == "requester" else self.actor_role

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, old, new) for every field that differs, in words a reader knows: the model's
        field names and choice labels rather than column names and codes."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        keys = sorted(set(before) | set(after))
        return [
            (self._field_label(key), self._value_label(key, before.get(key)), self._value_label(key, after.get(key)))
            for key in keys
            if before.get(key) != after.get(key)
        ]

    def _field(self, name: str) -> Any:
        # get_for_id is cached: a long timeline costs no query per event.
        model = ContentType.objects.get_for_id(self.content_type_id).model_class() if self.content_type_id else None
        try:
            return model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            return None

    def _field_label(self, name: str) -> str:
        field = self._field(name)
        return str(getattr(field, "verbose_name", name)) if field is not None else name.replace("_", " ")

    def _value_label(self, name: str, value: Any) -> Any:
        field = self._field(name)
        if field is None or not isinstance(value, str | int):
            return value
        choices = dict(getattr(field, "flatchoices", None) or ())
        return choices.get(value, value)
