"""Every state change of an objection. Web views, API views, admin and jobs call these; nothing
else writes an objection's status (STYLE.md §2)."""

from ppid.objections.services.answer import (
    objection_admit,
    objection_confirm_settlement,
    objection_decide,
    objection_fulfil_order,
    objection_propose_settlement,
    objection_record_reaction,
    objection_refuse_admission,
    objection_reject_settlement,
)
from ppid.objections.services.common import ObjectionStateError
from ppid.objections.services.filing import ObjectionData, objection_file

__all__ = [
    "ObjectionData",
    "ObjectionStateError",
    "objection_admit",
    "objection_confirm_settlement",
    "objection_decide",
    "objection_file",
    "objection_fulfil_order",
    "objection_propose_settlement",
    "objection_record_reaction",
    "objection_refuse_admission",
    "objection_reject_settlement",
]
