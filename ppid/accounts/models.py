"""People: staff and requester accounts, and the roles staff hold at offices."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.accounts.roles import UNIT_ROLES, Role
from ppid.offices.models import Office, WorkUnit


class AccountKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    REQUESTER = "requester", _("Requester")


class User(AbstractUser):
    """A login. Staff act through RoleMemberships; requesters see only their own records."""

    kind = models.CharField(
        _("account kind"), max_length=10, choices=AccountKind.choices, default=AccountKind.REQUESTER
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_staff_account(self) -> bool:
        return self.kind == AccountKind.STAFF


class RoleMembershipQuerySet(models.QuerySet["RoleMembership"]):
    def active_on(self, day: datetime.date) -> RoleMembershipQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )

    def active(self) -> RoleMembershipQuerySet:
        return self.active_on(timezone.localdate())


class RoleMembership(models.Model):
    """A person holding one role at one office (and, for unit roles, one work unit) for a period."""

    user = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships")
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    work_unit = models.ForeignKey(
        WorkUnit,
        verbose_name=_("work unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    position = models.CharField(_("position (jabatan)"), max_length=200, blank=True)
    decree_number = models.CharField(_("appointment decree number"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = RoleMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["office__path", "role", "user__username"]
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(r.value for r in UNIT_ROLES)) | models.Q(work_unit__isnull=False),
                name="unit_role_needs_work_unit",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="membership_period_ordered",
            ),
        ]
        indexes = [models.Index(fields=["user", "valid_from", "valid_until"])]

    def __str__(self) -> str:
        unit = f" ({self.work_unit.name})" if self.work_unit_id and self.work_unit else ""
        return f"{self.get_role_display()} — {self.office.name}{unit}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or self.valid_until >= day)
