"""The objections panel on the staff home: the five nearest deadlines of objections waiting for an
answer or an order, shown only when there are any (ppid.web.worklists)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ppid.objections.selectors import has_worklist, with_urgency, worklist_for
from ppid.web.worklists import Panel, register_panel

PANEL_SIZE = 5


@register_panel
def objections_panel(request: HttpRequest) -> Panel | None:
    if not has_worklist(request.user):
        return None
    rows = worklist_for(request.user)
    top = with_urgency(rows[:PANEL_SIZE])
    if not top:
        return None
    return Panel(
        title=_("Objections (keberatan)"),
        template="objections/staff/_panel.html",
        context={"rows": top, "total": rows.count()},
    )
