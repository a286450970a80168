"""Information disputes (sengketa informasi) at the Komisi Informasi and the courts (UU 14/2008
Pasal 37-50; RULES.md §5), with their parties, sessions, documents, rulings and follow-up tasks."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.disputes.workflow import (
    DocumentKind,
    Forum,
    Outcome,
    PartyRole,
    RulingOrder,
    SessionKind,
    Stage,
    TaskKind,
)
from ppid.objections.models import Objection
from ppid.objections.workflow import SETTLEABLE_GROUNDS, Ground
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest


class Dispute(models.Model):
    """One case, led by the legal unit of the office's level. Stage is written only by
    ppid.disputes.services."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="disputes")
    objection = models.ForeignKey(
        Objection, verbose_name=_("objection"), on_delete=models.PROTECT, related_name="disputes"
    )
    request = models.ForeignKey(
        InformationRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="disputes"
    )
    dispute_number = models.CharField(_("dispute number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    commission = models.CharField(_("Information Commission"), max_length=200)
    ki_case_number = models.CharField(_("Commission case number"), max_length=100, blank=True)
    filed_on = models.DateField(_("filed at the Commission on"))
    # Pasal 37 ayat (2): 14 working days after the answer (or after the answer period ended).
    filing_window_from = models.DateField(_("filing window opened on"))
    filing_due_on = models.DateField(_("filing window ends"))
    is_late = models.BooleanField(_("filed late"), default=False)
    registered_on = models.DateField(_("registered by the Commission on"), null=True, blank=True)
    rule_set = models.ForeignKey(
        "workdays.RuleSet", verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="+"
    )
    # Pasal 38: the Commission starts within 14 and settles within 100 working days.
    ki_start_due_on = models.DateField(_("Commission to start by"), null=True, blank=True)
    ki_settlement_due_on = models.DateField(_("Commission to settle by"), null=True, blank=True)
    # Pasal 48 and 50: the window to appeal the latest ruling.
    appeal_due_on = models.DateField(_("appeal window ends"), null=True, blank=True)

    stage = models.CharField(_("stage"), max_length=14, choices=Stage.choices, default=Stage.REGISTERED, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    reported_by_requester = models.BooleanField(_("reported by the requester"), default=False)
    summary = models.TextField(_("summary of the case"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_note = models.TextField(_("closing note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("information dispute")
        verbose_name_plural = _("information disputes")
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "sequence"], name="dispute_number_unique_per_office_year")
        ]
        indexes = [models.Index(fields=["office", "stage"])]

    def __str__(self) -> str:
        return self.dispute_number

    @property
    def owner_user_id(self) -> int | None:
        return self.request.requester.user_id

    @property
    def tracking_request_id(self) -> int:
        return self.request_id

    @property
    def mediation_allowed(self) -> bool:
        """Pasal 40 ayat (2) with Pasal 35 ayat (2): mediation only for grounds b-g."""
        return any(Ground(letter) in SETTLEABLE_GROUNDS for letter in self.objection.grounds)

    @property
    def next_due_on(self) -> datetime.date | None:
        if self.stage == Stage.REGISTERED:
            return self.ki_start_due_on
        if self.stage in (Stage.MEDIATION, Stage.ADJUDICATION):
            return self.ki_settlement_due_on
        if self.stage == Stage.RULED:
            return self.appeal_due_on
        return None


class DisputeParty(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=12, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=200)
    representative = models.CharField(_("represented by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class DisputeSession(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=14, choices=SessionKind.choices)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    summary = models.TextField(_("what happened"), blank=True)

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class DisputeDocument(models.Model):
    """A document of the case; the liaison team (e.3) and the PPID (d.5) contribute them too."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="disputes/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_role = models.CharField(_("contributed as"), max_length=20, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("dispute document")
        verbose_name_plural = _("dispute documents")

    def __str__(self) -> str:
        return self.title


class DisputeRuling(models.Model):
    """A ruling of the Commission or a court, with what it orders (Pasal 46 UU 14/2008)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="rulings")
    forum = models.CharField(_("forum"), max_length=4, choices=Forum.choices)
    number = models.CharField(_("ruling number"), max_length=100)
    ruled_on = models.DateField(_("ruled on"))
    received_on = models.DateField(_("received on"))
    orders = models.JSONField(_("orders"), default=list)
    summary = models.TextField(_("summary"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ruled_on", "id"]
        verbose_name = _("ruling")
        verbose_name_plural = _("rulings")

    def __str__(self) -> str:
        return f"{self.get_forum_display()} {self.number}"

    @property
    def order_labels(self) -> list[str]:
        return [str(RulingOrder(code).label) for code in self.orders]


class FollowUpTask(models.Model):
    """Work a ruling or agreement leaves: the Atasan's follow-up (seed c.5) or a DIP entry (Pasal 11(2))."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="tasks")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=TaskKind.choices)
    description = models.TextField(_("what must be done"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.dispute}"

    @property
    def owner_user_id(self) -> None:
        return None
