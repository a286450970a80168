"""Working-day calendar and deadline rule sets, kept as data an administrator can correct (RULES.md §7)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("National holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
    CLOSURE = "closure", _("Office closure")
    EXTRA_WORKING_DAY = "extra_working_day", _("Extra working day")


class CalendarScope(models.TextChoices):
    ALL = "all", _("All offices")
    PROVINCE = "province", _("One province")
    OFFICE = "office", _("One office")


class CalendarSource(models.TextChoices):
    LIBRARY = "library", _("Library (SKB 3 Menteri)")
    ADMIN = "admin", _("Administrator")


class CalendarDay(models.Model):
    """A date that is not an ordinary Monday–Friday working day for some offices.

    National holidays and cuti bersama come from the yearly SKB 3 Menteri (loaded from a
    maintained library); offices add closures and extra working days. A library day removed by an
    administrator is kept inactive, so the next library sync does not bring it back.
    """

    date = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=200)
    decree = models.CharField(_("decree number"), max_length=200, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=CalendarScope.choices, default=CalendarScope.ALL)
    province_code = models.CharField(_("province code"), max_length=2, blank=True)
    office = models.ForeignKey(
        Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT, related_name="calendar_days"
    )
    source = models.CharField(_("source"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.ADMIN)
    is_active = models.BooleanField(_("in force"), default=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["date", "scope", "id"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(scope="all", province_code="", office__isnull=True)
                    | (models.Q(scope="province", office__isnull=True) & ~models.Q(province_code=""))
                    | models.Q(scope="office", province_code="", office__isnull=False)
                ),
                name="calendar_day_scope_consistent",
            ),
            models.UniqueConstraint(
                fields=["date", "kind", "scope", "province_code", "office", "name"], name="calendar_day_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class RuleSetKind(models.TextChoices):
    NORMAL = "normal", _("Normal (UU KIP)")
    ELECTION = "election", _("During election stages (Perki 1/2019)")


class RuleSet(models.Model):
    """A set of deadline rules from one legal source, valid for a period (laws change: data, not code)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=RuleSetKind.choices)
    citation = models.CharField(_("legal basis"), max_length=300)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["kind", "-valid_from", "name"]
        verbose_name = _("deadline rule set")
        verbose_name_plural = _("deadline rule sets")

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class DeadlineStep(models.TextChoices):
    REQUEST_NOTICE = "request_notice", _("Written notice on a request")
    REQUEST_EXTENSION = "request_extension", _("Extension of the written notice")
    COMPLETENESS_NOTICE = "completeness_notice", _("Notice of missing requirements")
    COMPLETENESS_COMPLETION = "completeness_completion", _("Completion by the requester")
    OBJECTION_FILING = "objection_filing", _("Filing an objection")
    OBJECTION_ANSWER = "objection_answer", _("Answer to an objection")
    DISPUTE_FILING = "dispute_filing", _("Filing a dispute at the Information Commission")
    KI_SETTLEMENT = "ki_settlement", _("Settlement by the Information Commission")
    KI_START = "ki_start", _("Start of mediation or adjudication at the Information Commission")
    COURT_APPEAL = "court_appeal", _("Appeal to the PTUN or PN against a Commission ruling")
    CASSATION = "cassation", _("Cassation to the Mahkamah Agung")


class DeadlineRule(models.Model):
    """One period of a rule set, in working days, with the article that sets it."""

    rule_set = models.ForeignKey(RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="rules")
    step = models.CharField(_("step"), max_length=30, choices=DeadlineStep.choices)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    citation = models.CharField(_("article"), max_length=300)
    needs_verification = models.BooleanField(
        _("to be verified"), default=False, help_text=_("The value comes from a secondary source; check the text.")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["rule_set", "step"]
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [models.UniqueConstraint(fields=["rule_set", "step"], name="deadline_rule_one_per_step")]

    def __str__(self) -> str:
        return f"{self.rule_set}: {self.get_step_display()} ({self.working_days})"


class ElectionStageKind(models.TextChoices):
    PEMILU = "pemilu", _("Pemilu (general election)")
    PILKADA = "pilkada", _("Pilkada (regional election)")


class ElectionStage(models.Model):
    """Tahapan Pemilu/Pemilihan: while it runs, the election rule set governs the offices it covers.

    A national election covers all offices; a Pilkada covers the listed offices and those below them.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ElectionStageKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    all_offices = models.BooleanField(_("all offices"), default=False)
    offices = models.ManyToManyField(Office, verbose_name=_("offices covered"), blank=True, related_name="+")
    rule_set = models.ForeignKey(
        RuleSet,
        verbose_name=_("rule set"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the election rule set valid on the day a request is received."),
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("election stage")
        verbose_name_plural = _("election stages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="election_stage_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name
