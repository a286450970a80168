"""The catalogue's categories and workflows as data (UU 14/2008 Pasal 9-11; RULES.md §3).

Items, and the lists each work unit submits in a collection round, each have their own statuses;
every transition names the one service function that performs it (STYLE.md §2).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BERKALA = "berkala", _("Periodic (berkala, Pasal 9)")
    SERTA_MERTA = "serta_merta", _("Immediate (serta-merta, Pasal 10)")
    SETIAP_SAAT = "setiap_saat", _("Available at any time (setiap saat, Pasal 11)")
    DIKECUALIKAN = "dikecualikan", _("Exempt (dikecualikan, Pasal 17)")


class OnDemandType(models.TextChoices):
    """Pasal 11 ayat (1) UU 14/2008, letters a-h."""

    A = "a", _("a. the list of all public information held")
    B = "b", _("b. decisions of the body and their considerations")
    C = "c", _("c. all policies with their supporting documents")
    D = "d", _("d. project work plans with estimated annual spending")
    E = "e", _("e. agreements with third parties")
    F = "f", _("f. information and policies stated by officials in public meetings")
    G = "g", _("g. staff work procedures for public service")
    H = "h", _("h. reports on the information access service")


class ItemStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: proposed in a collection round")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ListStatus(models.TextChoices):
    """A work unit's list in a collection round (seed e.2, d.3, c.3, c.1)."""

    OPEN = "open", _("Open: the liaison team is collecting")
    SUBMITTED = "submitted", _("Submitted to the PPID")
    ARRANGED = "arranged", _("Arranged by the PPID: waiting for the Atasan PPID")
    APPROVED = "approved", _("Approved by the Atasan PPID and published")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class EntryKind(models.TextChoices):
    NEW = "new", _("New item")
    UPDATE = "update", _("Update of a published item")


# service function → (statuses it may start from, status it leaves, or None for "unchanged")
LIST_TRANSITIONS: dict[str, tuple[frozenset[ListStatus], ListStatus | None]] = {
    "unit_list_add_entry": (frozenset({ListStatus.OPEN}), None),
    "unit_list_submit": (frozenset({ListStatus.OPEN}), ListStatus.SUBMITTED),
    "unit_list_return": (frozenset({ListStatus.SUBMITTED, ListStatus.ARRANGED}), ListStatus.OPEN),
    "unit_list_arrange": (frozenset({ListStatus.SUBMITTED}), ListStatus.ARRANGED),
    "unit_list_correct": (frozenset({ListStatus.ARRANGED}), None),
    "unit_list_approve": (frozenset({ListStatus.ARRANGED}), ListStatus.APPROVED),
}


def list_allowed_from(action: str) -> frozenset[ListStatus]:
    return LIST_TRANSITIONS[action][0]


def list_target_of(action: str) -> ListStatus:
    target = LIST_TRANSITIONS[action][1]
    if target is None:
        raise ValueError(f"{action} does not change the status")
    return target
