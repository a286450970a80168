"""Every state change of a direction and of a work plan (STYLE.md §2)."""

from ppid.guidance.services.directions import (
    DirectionData,
    DirectionStateError,
    direction_acknowledge,
    direction_close,
    direction_issue,
    direction_report,
    issuer_role_of,
    may_close,
)
from ppid.guidance.services.workplans import (
    ActivityData,
    WorkPlanStateError,
    activity_add,
    activity_update_progress,
    workplan_activate,
    workplan_create,
    workplan_evaluate,
)

__all__ = [
    "ActivityData",
    "DirectionData",
    "DirectionStateError",
    "WorkPlanStateError",
    "activity_add",
    "activity_update_progress",
    "direction_acknowledge",
    "direction_close",
    "direction_issue",
    "direction_report",
    "issuer_role_of",
    "may_close",
    "workplan_activate",
    "workplan_create",
    "workplan_evaluate",
]
