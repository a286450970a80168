"""The annual information-service report of one office (Perki 1/2021 Pasal 56)."""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.annual.workflow import Status
from ppid.offices.models import Office


class AnnualReport(models.Model):
    """Laporan tahunan layanan informasi publik: figures computed, narrative written by the PPID.

    `figures` is frozen at submission so that the approved and published report never changes
    (a new request decided later does not alter last year's published numbers).
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    # KPU Provinsi and KPU RI reports add up the offices below them.
    rollup = models.BooleanField(_("include the offices below"), default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)

    general_policy = models.TextField(_("general policy"), blank=True)
    facilities = models.TextField(_("facilities and infrastructure"), blank=True)
    staff = models.TextField(_("human resources"), blank=True)
    budget = models.TextField(_("budget"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)

    figures = models.JSONField(default=dict, blank=True, editable=False)
    return_note = models.TextField(blank=True, editable=False)
    pdf = models.FileField(upload_to="laporan-tahunan/%Y/", blank=True, editable=False)

    created_at = models.DateTimeField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    submitted_at = models.DateTimeField(null=True, editable=False)
    approved_at = models.DateTimeField(null=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, editable=False
    )
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        ordering = ["-year", "office__path"]
        constraints = [models.UniqueConstraint(fields=["office", "year"], name="annual_report_one_per_office_year")]

    def __str__(self) -> str:
        return f"{self.office} {self.year}"

    def narrative(self) -> dict[str, Any]:
        from ppid.annual.workflow import NARRATIVE_FIELDS

        return {name: getattr(self, name) for name in NARRATIVE_FIELDS}


class AnnualReportRule(models.Model):
    """When the annual report is due and when reminders start: data, not code (Perki 1/2021 Pasal 56).

    Pasal 56 asks for the report within three months after the year ends, i.e. by 31 March. A rule
    applies to the reports of the years ending on or after `valid_from`; a later rule replaces it.
    """

    valid_from = models.DateField(_("valid from"), unique=True)
    due_months_after_year_end = models.PositiveSmallIntegerField(
        _("due, in months after the year ends"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    reminder_days_before_due = models.PositiveSmallIntegerField(_("reminders start, days before the due date"))
    citation = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("annual report rule")
        verbose_name_plural = _("annual report rules")

    def __str__(self) -> str:
        return f"{self.citation} ({self.valid_from:%Y-%m-%d})"

    def due_on(self, year: int) -> datetime.date:
        """The last day of the month `due_months_after_year_end` months after `year` ends."""
        month = self.due_months_after_year_end
        return datetime.date(year + 1, month, calendar.monthrange(year + 1, month)[1])

    def reminders_from(self, year: int) -> datetime.date:
        return self.due_on(year) - datetime.timedelta(days=self.reminder_days_before_due)

    @classmethod
    def for_year(cls, year: int) -> AnnualReportRule | None:
        """The rule in force for the report of `year` (the latest one valid on 31 December of it)."""
        return cls.objects.filter(valid_from__lte=datetime.date(year, 12, 31)).first()
