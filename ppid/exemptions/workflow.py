"""The consequence test (uji konsekuensi) as data: its statuses and transitions.

UU 14/2008 Pasal 19; PKPU 22/2023 Pasal 24-26; Perki 1/2021 Pasal 49; seed b.2, b.3, d.4, d.6
(RULES.md §6). Each transition names the one service function that performs it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Trigger(models.TextChoices):
    """Perki 1/2021 Pasal 49: when a test is run."""

    BEFORE_REQUEST = "before_request", _("Before any request (classifying the office's information)")
    ON_REQUEST = "on_request", _("When a request arrives")
    DISPUTE_ORDER = "dispute_order", _("During a dispute, on the Commission's order")


class TestStatus(models.TextChoices):
    AT_PROVINCE = "at_province", _("Asked by a KPU Kab/Kota: waiting for its KPU Provinsi to forward it")
    SCREENING = "screening", _("Screening by the PPID")
    IN_TEST = "in_test", _("Consequence test under way")
    CLASSIFIED = "classified", _("Classified by the advisory team")
    HANDED_OVER = "handed_over", _("Handed to the Atasan PPID")
    DECIDED = "decided", _("Decided (Keputusan KPU)")
    DISMISSED = "dismissed", _("Dismissed: no test needed")


class Conclusion(models.TextChoices):
    DIKECUALIKAN = "dikecualikan", _("Dikecualikan (exempt)")
    TERBUKA = "terbuka", _("Terbuka (open)")


class LegalBasisKind(models.TextChoices):
    PASAL_17 = "pasal_17", _("Pasal 17 UU 14/2008")
    OTHER_LAW = "other_law", _("Another Undang-Undang")


class ParticipantKind(models.TextChoices):
    """PKPU 22/2023 Pasal 24; seed d.6: who takes part in the test."""

    ADVISORY = "advisory", _("Advisory team (Tim Pertimbangan)")
    PATRON = "patron", _("Pembina PPID")
    UNIT = "unit", _("Work unit holding the information")
    EXPERT = "expert", _("Expert")


class ExemptionStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    EXPIRED = "expired", _("Expired: to be reviewed")
    REVOKED = "revoked", _("Revoked")


# service function → (statuses it may start from, status it leaves, or None for "decided by the service")
TRANSITIONS: dict[str, tuple[frozenset[TestStatus], TestStatus | None]] = {
    "test_forward": (frozenset({TestStatus.AT_PROVINCE}), TestStatus.SCREENING),
    "test_screen": (frozenset({TestStatus.SCREENING}), TestStatus.IN_TEST),
    "test_dismiss": (frozenset({TestStatus.AT_PROVINCE, TestStatus.SCREENING}), TestStatus.DISMISSED),
    "test_record_steps": (frozenset({TestStatus.IN_TEST}), None),
    "test_add_opinion": (frozenset({TestStatus.IN_TEST}), None),
    "test_classify": (frozenset({TestStatus.IN_TEST}), TestStatus.CLASSIFIED),
    "test_hand_over": (frozenset({TestStatus.CLASSIFIED}), TestStatus.HANDED_OVER),
    "test_record_decision": (frozenset({TestStatus.HANDED_OVER}), TestStatus.DECIDED),
}


def allowed_from(action: str) -> frozenset[TestStatus]:
    return TRANSITIONS[action][0]


def target_of(action: str) -> TestStatus:
    target = TRANSITIONS[action][1]
    if target is None:
        raise ValueError(f"{action} does not have one target status")
    return target
