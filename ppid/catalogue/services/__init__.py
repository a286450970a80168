"""Every state change of the DIP: items, documents, collection rounds, policies (STYLE.md §2)."""

from ppid.catalogue.services.common import CatalogueStateError
from ppid.catalogue.services.items import (
    ImportRejected,
    ItemData,
    item_add_document,
    item_close_by_exemption,
    item_publish_immediately,
    item_reopen_after_review,
    item_review,
    item_update,
    item_withdraw,
    items_import,
)
from ppid.catalogue.services.policies import policy_issue
from ppid.catalogue.services.rounds import (
    round_open,
    unit_list_add_new,
    unit_list_add_update,
    unit_list_approve,
    unit_list_arrange,
    unit_list_correct,
    unit_list_return,
    unit_list_submit,
)

__all__ = [
    "CatalogueStateError",
    "ImportRejected",
    "ItemData",
    "item_add_document",
    "item_close_by_exemption",
    "item_publish_immediately",
    "item_reopen_after_review",
    "item_review",
    "item_update",
    "item_withdraw",
    "items_import",
    "policy_issue",
    "round_open",
    "unit_list_add_new",
    "unit_list_add_update",
    "unit_list_approve",
    "unit_list_arrange",
    "unit_list_correct",
    "unit_list_return",
    "unit_list_submit",
]
