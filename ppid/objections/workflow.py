"""The objection's workflow as data: statuses, outcomes, grounds and every allowed transition.

Pasal 35-36 UU 14/2008 (RULES.md §5). Status says where the objection is; the outcome says how
it ended (STYLE.md §4). Each transition names the one service function that performs it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ground(models.TextChoices):
    """Pasal 35 ayat (1) UU 14/2008, letters a-g."""

    A = "a", _("a. refusal on the grounds of Pasal 17 (exempt information)")
    B = "b", _("b. periodic information (Pasal 9) not provided")
    C = "c", _("c. the request was not answered")
    D = "d", _("d. the request was answered other than asked")
    E = "e", _("e. the request was not fulfilled")
    F = "f", _("f. unreasonable fees")
    G = "g", _("g. the information was delivered later than the law allows")


# Pasal 35 ayat (2): these grounds may be settled by agreement between the parties.
SETTLEABLE_GROUNDS = frozenset({Ground.B, Ground.C, Ground.D, Ground.E, Ground.F, Ground.G})
# RULES.md §7: these grounds arise on the day after the request's deadline passed.
GROUNDS_FROM_DEADLINE = frozenset({Ground.B, Ground.C})


class Status(models.TextChoices):
    AWAITING_ADMISSION = "awaiting_admission", _("Filed late: waiting for the Atasan PPID to admit it")
    REGISTERED = "registered", _("Registered: waiting for the Atasan PPID's answer")
    SETTLEMENT_PENDING = "settlement_pending", _("Agreement recorded: waiting for the requester's confirmation")
    ANSWERED = "answered", _("Answered by the Atasan PPID")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SETTLED = "settled", _("Settled by agreement (Pasal 35 ayat (2))")
    UPHELD = "upheld", _("PPID's decision upheld")
    GRANTED = "granted", _("Granted: the PPID must provide the information")
    NOT_ADMITTED = "not_admitted", _("Not admitted: filed late")


class Reaction(models.TextChoices):
    """Perki 1/2021 objection register: the requester's reaction (tanggapan) to the answer."""

    ACCEPTED = "accepted", _("Accepts the answer")
    DISPUTE = "dispute", _("Goes to the Information Commission")


# The Atasan's answer is still to come in these statuses: the answer clock runs.
PENDING_STATUSES = frozenset({Status.AWAITING_ADMISSION, Status.REGISTERED, Status.SETTLEMENT_PENDING})

# service function → (statuses it may start from, status it leaves, or None for "unchanged")
TRANSITIONS: dict[str, tuple[frozenset[Status], Status | None]] = {
    "objection_admit": (frozenset({Status.AWAITING_ADMISSION}), Status.REGISTERED),
    "objection_refuse_admission": (frozenset({Status.AWAITING_ADMISSION}), Status.CLOSED),
    "objection_propose_settlement": (frozenset({Status.REGISTERED}), Status.SETTLEMENT_PENDING),
    "objection_confirm_settlement": (frozenset({Status.SETTLEMENT_PENDING}), Status.CLOSED),
    "objection_reject_settlement": (frozenset({Status.SETTLEMENT_PENDING}), Status.REGISTERED),
    "objection_decide": (frozenset({Status.REGISTERED, Status.SETTLEMENT_PENDING}), Status.ANSWERED),
    "objection_fulfil_order": (frozenset({Status.ANSWERED}), None),
    "objection_record_reaction": (frozenset({Status.ANSWERED}), None),
}


def allowed_from(action: str) -> frozenset[Status]:
    return TRANSITIONS[action][0]


def target_of(action: str) -> Status:
    target = TRANSITIONS[action][1]
    if target is None:
        raise ValueError(f"{action} does not change the status")
    return target


def grounds_label(grounds: str) -> str:
    """“a, c” for the letters stored on an objection."""
    return ", ".join(grounds)
