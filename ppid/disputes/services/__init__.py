"""Every state change of an information dispute. Web views, API views, admin and jobs call these;
nothing else writes a dispute's stage (STYLE.md §2)."""

from ppid.disputes.services.common import DisputeStateError
from ppid.disputes.services.filing import DisputeData, dispute_confirm_registration, dispute_record, dispute_report
from ppid.disputes.services.hearing import (
    RulingData,
    dispute_add_party,
    dispute_appeal,
    dispute_close,
    dispute_end_mediation,
    dispute_record_ruling,
    dispute_schedule_session,
)
from ppid.disputes.services.tasks import dispute_add_document, task_complete

__all__ = [
    "DisputeData",
    "DisputeStateError",
    "RulingData",
    "dispute_add_document",
    "dispute_add_party",
    "dispute_appeal",
    "dispute_close",
    "dispute_confirm_registration",
    "dispute_end_mediation",
    "dispute_record",
    "dispute_record_ruling",
    "dispute_report",
    "dispute_schedule_session",
    "task_complete",
]
