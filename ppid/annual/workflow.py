"""The annual report's workflow as data (Perki 1/2021 Pasal 56; issue "6 of 6" item 5).

The PPID writes the narrative and submits; the Atasan PPID approves or returns it with a note;
the PPID publishes the approved report as information available at any time (setiap saat).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Atasan PPID")
    APPROVED = "approved", _("Approved by the Atasan PPID")
    PUBLISHED = "published", _("Published")


# service function → (statuses it may start from, status it leaves)
TRANSITIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "annual_report_update": (frozenset({Status.DRAFT}), Status.DRAFT),
    "annual_report_submit": (frozenset({Status.DRAFT}), Status.SUBMITTED),
    "annual_report_approve": (frozenset({Status.SUBMITTED}), Status.APPROVED),
    "annual_report_return": (frozenset({Status.SUBMITTED}), Status.DRAFT),
    "annual_report_publish": (frozenset({Status.APPROVED}), Status.PUBLISHED),
}


def allowed_from(action: str) -> frozenset[Status]:
    return TRANSITIONS[action][0]


# The narrative sections the PPID writes, in the order of Perki 1/2021 Pasal 56.
NARRATIVE_FIELDS = (
    "general_policy",
    "facilities",
    "staff",
    "budget",
    "obstacles",
    "recommendations",
    "follow_up",
)
