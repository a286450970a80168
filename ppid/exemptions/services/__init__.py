"""Every state change of a consequence test and of an exemption (STYLE.md §2)."""

from ppid.exemptions.services.consequence import (
    ConsequenceStateError,
    Opinion,
    StartData,
    Steps,
    consequence_test_add_opinion,
    consequence_test_classify,
    consequence_test_dismiss,
    consequence_test_forward,
    consequence_test_hand_over,
    consequence_test_record_decision,
    consequence_test_record_steps,
    consequence_test_screen,
    consequence_test_start,
    exemption_review_due,
)

__all__ = [
    "ConsequenceStateError",
    "Opinion",
    "StartData",
    "Steps",
    "consequence_test_add_opinion",
    "consequence_test_classify",
    "consequence_test_dismiss",
    "consequence_test_forward",
    "consequence_test_hand_over",
    "consequence_test_record_decision",
    "consequence_test_record_steps",
    "consequence_test_screen",
    "consequence_test_start",
    "exemption_review_due",
]
