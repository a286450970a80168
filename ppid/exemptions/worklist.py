"""The consequence-test panel on the staff home: tests waiting for the user's step, and exemptions
flagged for review (ppid.web.worklists). Shown only when there is something to do."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import offices_where
from ppid.exemptions.models import ConsequenceOpinion, ConsequenceTest, Exemption
from ppid.exemptions.workflow import Conclusion, ConsequenceStatus, ExemptionStatus
from ppid.offices.models import Office
from ppid.web.worklists import Panel, register_panel

PANEL_SIZE = 5

# What the panel calls each step a user may take (ppid.exemptions.views_actions.ACTIONS).
STEP_NAMES = {
    "forward": gettext_lazy("forward to KPU RI"),
    "screen": gettext_lazy("screen"),
    "steps": gettext_lazy("record the steps"),
    "opinion": gettext_lazy("give your opinion"),
    "classify": gettext_lazy("classify"),
    "hand-over": gettext_lazy("hand over to the Atasan PPID"),
    "decision": gettext_lazy("record the Keputusan KPU"),
}


def _where(user: Any, action: str) -> QuerySet[Office, Any]:
    return Office.objects.filter(offices_where(user, action)).values("pk")


def waiting_for(user: Any) -> QuerySet[ConsequenceTest]:
    """Tests whose next step is the user's, in one query: the KPU Provinsi forwards its Kab/Kota's
    request (Pasal 25 ayat (2)); the PPID of KPU RI screens and writes the test (seed d.4, d.6);
    participants who have not signed yet give their opinion (d.6); the advisory team classifies a
    test with its conclusion written and hands it over (b.2, b.3); the Atasan PPID records the
    Keputusan KPU (Pasal 26)."""
    opine = _where(user, "consequence_test:opine")
    signed = ConsequenceOpinion.objects.filter(user=user).values("test_id")
    participant = (
        Q(status=ConsequenceStatus.IN_TEST) & (Q(office__in=opine) | Q(origin_office__in=opine)) & ~Q(pk__in=signed)
    )
    condition = (
        Q(status=ConsequenceStatus.AT_PROVINCE, origin_office__parent__in=_where(user, "consequence_test:forward"))
        | Q(status=ConsequenceStatus.SCREENING, office__in=_where(user, "exemption:screen"))
        | Q(status=ConsequenceStatus.IN_TEST, conclusion="", office__in=_where(user, "consequence_test:conduct"))
        | participant
        | (
            Q(status=ConsequenceStatus.IN_TEST, office__in=_where(user, "exemption:classify"))
            & Q(conclusion__in=Conclusion.values)
        )
        | Q(status=ConsequenceStatus.CLASSIFIED, office__in=_where(user, "exemption:hand_over"))
        | Q(status=ConsequenceStatus.HANDED_OVER, office__in=_where(user, "exemption:record_decision"))
    )
    return (
        ConsequenceTest.objects.filter(condition)
        .select_related("office", "origin_office__parent")
        .order_by("created_at", "id")
    )


def reviews_for(user: Any) -> QuerySet[Exemption]:
    """Exemptions ending soon or ended (Pasal 20 UU 14/2008), for those who start a new test where they
    were decided: the PPID who screens (d.4) and the advisory team who classifies (b.2)."""
    offices = Office.objects.filter(
        offices_where(user, "exemption:screen") | offices_where(user, "exemption:classify")
    ).values("pk")
    return Exemption.objects.filter(
        Q(status=ExemptionStatus.EXPIRED) | Q(status=ExemptionStatus.ACTIVE, review_flagged_at__isnull=False),
        office__in=offices,
    ).order_by("valid_until", "id")


def your_steps(user: Any, test: ConsequenceTest) -> list[str]:
    from ppid.exemptions.views_actions import allowed_actions

    return [str(STEP_NAMES[name]) for name in allowed_actions(user, test) if name in STEP_NAMES]


@register_panel
def consequence_tests_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    if not user.is_authenticated:
        return None
    waiting = waiting_for(user)
    rows = [(test, your_steps(user, test)) for test in waiting[:PANEL_SIZE]]
    reviews = reviews_for(user)
    top_reviews = list(reviews[:PANEL_SIZE])
    if not rows and not top_reviews:
        return None
    return Panel(
        title=_("Consequence tests and exemptions (DIK)"),
        template="exemptions/staff/_panel.html",
        context={
            "rows": rows,
            "total": waiting.count(),
            "reviews": top_reviews,
            "reviews_total": reviews.count(),
        },
    )
