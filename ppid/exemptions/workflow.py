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


class ConsequenceStatus(models.TextChoices):
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
TRANSITIONS: dict[str, tuple[frozenset[ConsequenceStatus], ConsequenceStatus | None]] = {
    "consequence_test_forward": (frozenset({ConsequenceStatus.AT_PROVINCE}), ConsequenceStatus.SCREENING),
    "consequence_test_screen": (frozenset({ConsequenceStatus.SCREENING}), ConsequenceStatus.IN_TEST),
    "consequence_test_dismiss": (
        frozenset({ConsequenceStatus.AT_PROVINCE, ConsequenceStatus.SCREENING}),
        ConsequenceStatus.DISMISSED,
    ),
    "consequence_test_record_steps": (frozenset({ConsequenceStatus.IN_TEST}), None),
    "consequence_test_add_opinion": (frozenset({ConsequenceStatus.IN_TEST}), None),
    "consequence_test_classify": (frozenset({ConsequenceStatus.IN_TEST}), ConsequenceStatus.CLASSIFIED),
    "consequence_test_hand_over": (frozenset({ConsequenceStatus.CLASSIFIED}), ConsequenceStatus.HANDED_OVER),
    "consequence_test_record_decision": (frozenset({ConsequenceStatus.HANDED_OVER}), ConsequenceStatus.DECIDED),
}


def allowed_from(action: str) -> frozenset[ConsequenceStatus]:
    return TRANSITIONS[action][0]


def target_of(action: str) -> ConsequenceStatus:
    target = TRANSITIONS[action][1]
    if target is None:
        raise ValueError(f"{action} does not have one target status")
    return target
