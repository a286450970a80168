"""The information dispute's workflow as data, from the Komisi Informasi to cassation.

UU 14/2008 Pasal 37-50 (RULES.md §5). Stage says where the case is; the outcome how it ended.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    REPORTED = "reported", _("Reported by the requester: the legal unit confirms it")
    REGISTERED = "registered", _("Registered at the Information Commission")
    MEDIATION = "mediation", _("Mediation")
    ADJUDICATION = "adjudication", _("Adjudication")
    RULED = "ruled", _("Ruling issued")
    APPEAL = "appeal", _("Appeal at the PTUN or PN")
    CASSATION = "cassation", _("Cassation at the Mahkamah Agung")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    MEDIATION_AGREEMENT = "mediation_agreement", _("Settled by mediation agreement")
    RULING_FINAL = "ruling_final", _("Ruling final (inkracht)")
    WITHDRAWN = "withdrawn", _("Withdrawn by the requester")
    NOT_REGISTERED = "not_registered", _("Not registered by the Commission")


class Forum(models.TextChoices):
    KI = "ki", _("Komisi Informasi")
    PTUN = "ptun", _("Pengadilan Tata Usaha Negara")
    PN = "pn", _("Pengadilan Negeri")
    MA = "ma", _("Mahkamah Agung")


class RulingOrder(models.TextChoices):
    """What a ruling can order (Pasal 46 UU 14/2008)."""

    CANCEL_DECISION = "cancel_decision", _("Cancels the decision of the Atasan PPID")
    UPHOLD_DECISION = "uphold_decision", _("Upholds the decision of the Atasan PPID")
    DISCLOSE_FULL = "disclose_full", _("Orders the information disclosed in full")
    DISCLOSE_PART = "disclose_part", _("Orders the information disclosed in part")
    PERFORM_DUTY = "perform_duty", _("Orders a duty performed or a deadline met")
    FEES = "fees", _("Sets the fees")


# Pasal 11 ayat (2): a ruling that opens information puts it in the DIP.
OPENING_ORDERS = frozenset({RulingOrder.DISCLOSE_FULL, RulingOrder.DISCLOSE_PART})


class SessionKind(models.TextChoices):
    MEDIATION = "mediation", _("Mediation session")
    ADJUDICATION = "adjudication", _("Adjudication hearing")


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant (the requester)")
    RESPONDENT = "respondent", _("Respondent (the public body)")
    RELATED = "related", _("Related party")


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Application to the Commission")
    SUMMONS = "summons", _("Summons")
    STATEMENT = "statement", _("Written answer or statement")
    EVIDENCE = "evidence", _("Evidence")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
    MINUTES = "minutes", _("Minutes of a session")
    RULING = "ruling", _("Ruling")
    OTHER = "other", _("Other")


class TaskKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow up the ruling or agreement (Atasan PPID, seed c.5)")
    PUBLISH_DIP = "publish_dip", _("List the opened information in the DIP (Pasal 11 ayat (2))")


# The Commission's clock runs in these stages (Pasal 38 UU 14/2008).
AT_COMMISSION = frozenset({Stage.REGISTERED, Stage.MEDIATION, Stage.ADJUDICATION})
OPEN_STAGES = frozenset(set(Stage) - {Stage.CLOSED})

# service function → (stages it may start from, stage it leaves, or None for "unchanged / decided by the service")
TRANSITIONS: dict[str, tuple[frozenset[Stage], Stage | None]] = {
    "dispute_confirm_registration": (frozenset({Stage.REPORTED}), Stage.REGISTERED),
    "dispute_schedule_session": (AT_COMMISSION, None),
    "dispute_end_mediation": (frozenset({Stage.MEDIATION}), None),
    "dispute_record_ruling": (frozenset({Stage.ADJUDICATION, Stage.APPEAL, Stage.CASSATION}), None),
    "dispute_appeal": (frozenset({Stage.RULED}), None),
    "dispute_close": (OPEN_STAGES, Stage.CLOSED),
    "dispute_add_party": (OPEN_STAGES, None),
    "dispute_add_document": (frozenset(Stage), None),
}

# After a ruling of this forum, the next appeal goes to (UU 14/2008 Pasal 47-50).
NEXT_FORUMS: dict[Forum, frozenset[Forum]] = {
    Forum.KI: frozenset({Forum.PTUN, Forum.PN}),
    Forum.PTUN: frozenset({Forum.MA}),
    Forum.PN: frozenset({Forum.MA}),
    Forum.MA: frozenset(),
}
# The stage a ruling of this forum is recorded from.
RULING_FROM: dict[Forum, Stage] = {
    Forum.KI: Stage.ADJUDICATION,
    Forum.PTUN: Stage.APPEAL,
    Forum.PN: Stage.APPEAL,
    Forum.MA: Stage.CASSATION,
}


def allowed_from(action: str) -> frozenset[Stage]:
    return TRANSITIONS[action][0]


def target_of(action: str) -> Stage:
    target = TRANSITIONS[action][1]
    if target is None:
        raise ValueError(f"{action} does not have one target stage")
    return target
