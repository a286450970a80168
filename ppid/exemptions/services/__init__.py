"""Every state change of a consequence test and of an exemption (STYLE.md §2)."""

from ppid.exemptions.services.consequence import (
    Opinion,
    StartData,
    Steps,
    TestStateError,
    exemption_review_due,
    test_add_opinion,
    test_classify,
    test_dismiss,
    test_forward,
    test_hand_over,
    test_record_decision,
    test_record_steps,
    test_screen,
    test_start,
)

__all__ = [
    "Opinion",
    "StartData",
    "Steps",
    "TestStateError",
    "exemption_review_due",
    "test_add_opinion",
    "test_classify",
    "test_dismiss",
    "test_forward",
    "test_hand_over",
    "test_record_decision",
    "test_record_steps",
    "test_screen",
    "test_start",
]
