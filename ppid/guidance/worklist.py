"""The directions panel on the staff home (ppid.web.worklists): open directions for the PPID who
must respond, and overdue follow-ups for the issuer. Shown only when there is something to see."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.guidance.selectors import inbox, issued_visible, overdue_q, with_counts
from ppid.guidance.workflow import OPEN_STATUSES
from ppid.web.worklists import Panel, register_panel

PANEL_SIZE = 5


@register_panel
def directions_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    open_rows = inbox(user).filter(status__in=sorted(OPEN_STATUSES))
    received = list(
        open_rows.select_related("direction__office", "office").order_by("direction__due_on", "id")[:PANEL_SIZE]
    )
    overdue = with_counts(issued_visible(user), today).filter(overdue__gt=0)  # type: ignore[misc]
    issued = list(overdue.select_related("office").order_by("due_on", "id")[:PANEL_SIZE])
    if not received and not issued:
        return None
    return Panel(
        title=_("Directions"),
        template="guidance/_panel.html",
        context={
            "received": received,
            "received_total": open_rows.count(),
            "received_overdue": open_rows.filter(overdue_q(today)).count(),
            "issued": issued,
            "issued_total": overdue.count(),
            "today": today,
        },
    )
