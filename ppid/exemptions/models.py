"""Consequence tests and the exemptions (DIK) they lead to (UU 14/2008 Pasal 17-20;
PKPU 22/2023 Pasal 24-26; RULES.md §6). An exemption decided by KPU RI applies nationally."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.exemptions.workflow import (
    Conclusion,
    ConsequenceStatus,
    ExemptionStatus,
    LegalBasisKind,
    ParticipantKind,
    Trigger,
)
from ppid.offices.models import Office
from ppid.requests.models import ExemptionGround


class ConsequenceTest(models.Model):
    """One test, as the structured record of PKPU 22/2023 Pasal 25 ayat (3). Status is written only
    by ppid.exemptions.services."""

    # Where the test is run: KPU RI (Pasal 24), or a KPU Provinsi by delegation [verify].
    office = models.ForeignKey(Office, verbose_name=_("testing office"), on_delete=models.PROTECT, related_name="+")
    # Who asked: the office itself, or a KPU Provinsi / Kab/Kota asking KPU RI (Pasal 25(1)-(2)).
    origin_office = models.ForeignKey(Office, verbose_name=_("asked by"), on_delete=models.PROTECT, related_name="+")
    forwarded_by = models.ForeignKey(
        Office, verbose_name=_("forwarded by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("test number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    trigger = models.CharField(_("occasion"), max_length=16, choices=Trigger.choices)
    request = models.ForeignKey(
        "requests.InformationRequest",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consequence_tests",
    )
    item = models.ForeignKey(
        "catalogue.InformationItem",
        verbose_name=_("DIP item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consequence_tests",
    )
    information = models.CharField(_("information tested"), max_length=300)
    first_assessment = models.TextField(_("first assessment (kajian awal)"), blank=True)
    screening_note = models.TextField(_("PPID's screening"), blank=True)
    # PKPU 22/2023 Pasal 25 ayat (3): the steps, in order.
    material_scope = models.TextField(_("material, its nature and scope"), blank=True)
    potential_harm = models.TextField(_("potential harm"), blank=True)
    basis_kind = models.CharField(_("statutory basis"), max_length=10, choices=LegalBasisKind.choices, blank=True)
    pasal17_letter = models.CharField(_("Pasal 17 letter"), max_length=1, choices=ExemptionGround.choices, blank=True)
    pasal17_point = models.CharField(_("sub-point"), max_length=20, blank=True)
    other_law = models.CharField(_("other Undang-Undang and article"), max_length=300, blank=True)
    public_interest = models.TextField(_("public interest"), blank=True)
    balancing = models.TextField(_("weighing harm against public interest"), blank=True)
    conclusion = models.CharField(_("conclusion"), max_length=12, choices=Conclusion.choices, blank=True)
    duration_until = models.DateField(_("exempt until"), null=True, blank=True)
    classification_note = models.TextField(_("advisory team's classification"), blank=True)
    # The exemption this test reviews when its duration ends (Pasal 20 UU 14/2008).
    reviews = models.ForeignKey(
        "Exemption",
        verbose_name=_("exemption reviewed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_tests",
    )
    # The Keputusan KPU that sets the result, whatever it concludes (PKPU 22/2023 Pasal 26).
    decision_number = models.CharField(_("Keputusan KPU number"), max_length=100, blank=True)
    decision_date = models.DateField(_("Keputusan KPU date"), null=True, blank=True)
    decision_file = models.FileField(_("Keputusan KPU document"), upload_to="exemptions/%Y/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ConsequenceStatus.choices, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consequence test")
        verbose_name_plural = _("consequence tests")
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "sequence"], name="consequence_test_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class ConsequenceOpinion(models.Model):
    """A participant's opinion and sign-off (seed d.6; PKPU 22/2023 Pasal 24)."""

    test = models.ForeignKey(ConsequenceTest, on_delete=models.CASCADE, related_name="opinions")
    kind = models.CharField(_("participant"), max_length=10, choices=ParticipantKind.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    opinion = models.TextField(_("opinion"))
    agrees = models.BooleanField(_("agrees with the conclusion"), null=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)

    class Meta:
        ordering = ["test", "signed_at", "id"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class Exemption(models.Model):
    """An entry of the list of exempt information (DIK), set by Keputusan KPU (PKPU 22/2023 Pasal 26).

    Public: what is closed, why and until when; the closed content never is."""

    test = models.OneToOneField(ConsequenceTest, on_delete=models.PROTECT, related_name="exemption")
    office = models.ForeignKey(Office, verbose_name=_("deciding office"), on_delete=models.PROTECT, related_name="+")
    information = models.CharField(_("information"), max_length=300)
    basis_kind = models.CharField(_("statutory basis"), max_length=10, choices=LegalBasisKind.choices)
    pasal17_letter = models.CharField(_("Pasal 17 letter"), max_length=1, choices=ExemptionGround.choices, blank=True)
    pasal17_point = models.CharField(_("sub-point"), max_length=20, blank=True)
    other_law = models.CharField(_("other Undang-Undang and article"), max_length=300, blank=True)
    consequence = models.TextField(_("consequence if opened"))
    # Applies to every KPU office when KPU RI decides (PKPU 22/2023 Pasal 24-25).
    national = models.BooleanField(_("applies nationally"), default=True)
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True, db_index=True)
    decision_number = models.CharField(_("Keputusan KPU number"), max_length=100)
    decision_date = models.DateField(_("Keputusan KPU date"))
    decision_file = models.FileField(_("Keputusan KPU document"), upload_to="exemptions/%Y/", blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ExemptionStatus.choices, default=ExemptionStatus.ACTIVE, db_index=True
    )
    review_flagged_at = models.DateTimeField(_("review flagged at"), null=True, blank=True)

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = _("exemption (DIK)")
        verbose_name_plural = _("exemptions (DIK)")

    def __str__(self) -> str:
        return f"{self.information} ({self.decision_number})"

    @property
    def ground_label(self) -> str:
        if self.basis_kind == LegalBasisKind.OTHER_LAW:
            return self.other_law
        point = f" {self.pasal17_point}" if self.pasal17_point else ""
        return f"Pasal 17 huruf {self.pasal17_letter}{point} UU 14/2008"

    def is_in_force(self, day: datetime.date) -> bool:
        return (
            self.status == ExemptionStatus.ACTIVE
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )
