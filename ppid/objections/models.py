"""Objections (keberatan) to the Atasan PPID, Pasal 35-36 UU 14/2008 (RULES.md §5)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.objections.workflow import Ground, Outcome, Reaction, Status
from ppid.offices.models import Office
from ppid.requests.models import Channel, DeliveryMethod, InformationRequest


class Objection(models.Model):
    """One objection to the handling of a request, with the fields of the Perki 1/2021 register.
    Status is written only by ppid.objections.services."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="objections")
    request = models.ForeignKey(
        InformationRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="objections"
    )
    objection_number = models.CharField(_("objection number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    # Pasal 35 ayat (1) letters, sorted, e.g. "ac".
    grounds = models.CharField(_("grounds"), max_length=7)
    reasons = models.TextField(_("reasons for the objection"))
    proxy_name = models.CharField(_("filed by proxy"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    received_at = models.DateTimeField(_("received at"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rule_set = models.ForeignKey(
        "workdays.RuleSet", verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="+"
    )
    # RULES.md §7: the filing window opens on the day the ground arose.
    ground_arose_on = models.DateField(_("ground arose on"))
    filing_due_on = models.DateField(_("filing window ends"))
    is_late = models.BooleanField(_("filed late"), default=False)
    admission_reasons = models.TextField(_("reasons for (not) admitting"), blank=True)
    admission_decided_at = models.DateTimeField(_("admission decided at"), null=True, blank=True)
    answer_due_on = models.DateField(_("answer due"), db_index=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)

    # Pasal 35 ayat (2): settlement by agreement.
    settlement_terms = models.TextField(_("agreed outcome"), blank=True)
    settlement_recorded_at = models.DateTimeField(_("agreement recorded at"), null=True, blank=True)
    settlement_confirmed_at = models.DateTimeField(_("requester confirmed at"), null=True, blank=True)
    settlement_confirmation = models.TextField(_("how the requester confirmed"), blank=True)

    # Pasal 36 ayat (2)-(3): the Atasan's written answer.
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("Atasan PPID's name"), max_length=200, blank=True)
    signer_position = models.CharField(_("Atasan PPID's position"), max_length=200, blank=True)
    decision_reasons = models.TextField(_("reasons for the answer"), blank=True)
    order_text = models.TextField(_("what the PPID must provide"), blank=True)
    order_due_on = models.DateField(_("to be provided by"), null=True, blank=True)
    order_fulfilled_at = models.DateTimeField(_("order carried out at"), null=True, blank=True)
    order_delivery_method = models.CharField(
        _("how it was provided"), max_length=10, choices=DeliveryMethod.choices, blank=True
    )
    order_proof = models.FileField(_("proof of delivery"), upload_to="objections/proof/%Y/", blank=True)
    letter_pdf = models.FileField(_("answer letter"), upload_to="objections/letters/%Y/", blank=True)

    reaction = models.CharField(_("requester's reaction"), max_length=10, choices=Reaction.choices, blank=True)
    reaction_note = models.TextField(_("reaction note"), blank=True)
    reaction_at = models.DateTimeField(_("reaction recorded at"), null=True, blank=True)

    # A double click or a resubmitted form carries the same key: never two objections.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="objection_number_unique_per_office_year"
            )
        ]
        indexes = [models.Index(fields=["office", "received_at"]), models.Index(fields=["office", "status"])]

    def __str__(self) -> str:
        return self.objection_number

    @property
    def owner_user_id(self) -> int | None:
        """The requester's account, for ppid.accounts.permissions."""
        return self.request.requester.user_id

    @property
    def tracking_request_id(self) -> int:
        """A tracking visitor who proved the request may act on its objections."""
        return self.request_id

    @property
    def ground_list(self) -> list[Ground]:
        return [Ground(letter) for letter in self.grounds]

    @property
    def ground_labels(self) -> list[str]:
        return [str(Ground(letter).label) for letter in self.grounds]

    @property
    def order_open(self) -> bool:
        return self.outcome == Outcome.GRANTED and self.order_fulfilled_at is None

    @property
    def next_due_on(self) -> datetime.date | None:
        """The deadline that matters now: the answer, or the Atasan's order to the PPID."""
        if self.status in (Status.AWAITING_ADMISSION, Status.REGISTERED, Status.SETTLEMENT_PENDING):
            return self.answer_due_on
        if self.order_open:
            return self.order_due_on
        return None
