"""Directions to PPIDs (seed a.1, b.1) and the PPID's yearly work plan with its evaluation (seed d.1).

Statuses are written only by ppid.guidance.services.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.guidance.workflow import ActivityStatus, AddresseeStatus, DirectionScope, IssuerRole, WorkPlanStatus
from ppid.offices.models import Office


class Direction(models.Model):
    """A direction (arahan) from the Pembina PPID (seed a.1) or the Tim Pertimbangan (seed b.1)."""

    office = models.ForeignKey(Office, verbose_name=_("issuing office"), on_delete=models.PROTECT, related_name="+")
    issuer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issuer_role = models.CharField(_("issued as"), max_length=20, choices=IssuerRole.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("direction"))
    due_on = models.DateField(_("follow-up expected by"))
    scope = models.CharField(_("addressed to"), max_length=12, choices=DirectionScope.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self) -> str:
        return self.title


class DirectionAddressee(models.Model):
    """The direction as one addressed office's PPID holds it: acknowledged, followed up, closed."""

    direction = models.ForeignKey(Direction, on_delete=models.CASCADE, related_name="addressees")
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=AddresseeStatus.choices, default=AddresseeStatus.SENT)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_reported_at = models.DateTimeField(_("last follow-up"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_note = models.TextField(_("closing note"), blank=True)

    class Meta:
        ordering = ["direction", "office__path"]
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        constraints = [models.UniqueConstraint(fields=["direction", "office"], name="direction_addressee_unique")]
        # The PPID's inbox and the overdue lists select by office and status.
        indexes = [models.Index(fields=["office", "status"], name="guidance_addressee_inbox")]

    def __str__(self) -> str:
        return f"{self.direction} → {self.office}"


class DirectionReport(models.Model):
    """One follow-up report by the addressed PPID (seed a.1, b.1)."""

    addressee = models.ForeignKey(DirectionAddressee, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField(_("follow-up"))
    document = models.FileField(_("document"), upload_to="guidance/%Y/", blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["addressee", "created_at", "id"]
        verbose_name = _("follow-up report")
        verbose_name_plural = _("follow-up reports")

    def __str__(self) -> str:
        return f"{self.addressee}: {self.created_at:%Y-%m-%d}"


class WorkPlan(models.Model):
    """The PPID's yearly work plan (seed d.1), one per office and year."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=WorkPlanStatus.choices, default=WorkPlanStatus.DRAFT)
    evaluation = models.TextField(_("evaluation"), blank=True)
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "office__path"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="workplan_office_year_unique")]

    def __str__(self) -> str:
        return f"{self.office} {self.year}"


class PlanActivity(models.Model):
    """One activity of a work plan, with its target, owner, dates and progress (seed d.1)."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=200)
    target = models.CharField(_("target"), max_length=300)
    target_value = models.DecimalField(_("numeric target"), max_digits=12, decimal_places=2, null=True, blank=True)
    owner = models.CharField(_("owner (work unit or person)"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    progress_note = models.TextField(_("progress notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        ordering = ["plan", "starts_on", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title
