"""The office's rate card for copying and delivery (Pasal 21 UU 14/2008: only those costs; free by default)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.events.registry import register_event_type
from ppid.events.services import event_record, snapshot
from ppid.offices.models import Office
from ppid.requests.models import RateCardItem

RATE_CARD_ITEM_SAVED = register_event_type("rate_card_item.saved", gettext_lazy("Rate card item saved"))
RATE_CARD_FIELDS = ["name", "unit", "price", "is_active"]


def rate_card_item_save(
    *, actor: Any, office: Office, item: RateCardItem | None, values: dict[str, Any]
) -> RateCardItem:
    """Add or correct one rate; the old and new price go on the office's timeline."""
    if not can(actor, "rate_card:manage", office):
        raise PermissionDenied(_("You may not change the rate card of this office."))
    with transaction.atomic():
        if item is None:
            before = None
            item = RateCardItem(office=office)
        else:
            item = RateCardItem.objects.select_for_update().get(pk=item.pk, office=office)
            before = snapshot(item, RATE_CARD_FIELDS)
        for field in RATE_CARD_FIELDS:
            if field in values:
                setattr(item, field, values[field])
        after = snapshot(item, RATE_CARD_FIELDS)
        if before == after:
            return item
        item.full_clean()
        item.save()
        event_record(
            event_type=RATE_CARD_ITEM_SAVED,
            obj=item,
            actor=actor,
            actor_role=acting_role(actor, "rate_card:manage", office),
            office=office,
            before=before,
            after=after,
        )
    return item
