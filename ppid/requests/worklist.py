"""The requests panel on the staff home: the five most urgent requests and a link to the full worklist."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ppid.requests.selectors import has_worklist, with_urgency, worklist_for
from ppid.web.worklists import Panel, register_panel

PANEL_SIZE = 5


@register_panel
def requests_panel(request: HttpRequest) -> Panel | None:
    if not has_worklist(request.user):
        return None
    rows = worklist_for(request.user)
    top = with_urgency(rows[:PANEL_SIZE])
    return Panel(
        title=_("Information requests"),
        template="requests/staff/_panel.html",
        context={"rows": top, "total": rows.count()},
    )
