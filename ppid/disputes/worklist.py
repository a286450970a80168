"""The disputes panel on the staff home: follow-up tasks for the Atasan PPID (seed c.5) and the PPID
(DIP entries, Pasal 11 ayat (2)), open cases for the legal unit, and the Atasan's way into the
legal-matters register (seed c.4). Imported in DisputesConfig.ready() to register itself."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can_anywhere
from ppid.disputes.selectors import managed_disputes, tasks_for, with_overdue
from ppid.web.worklists import Panel, register_panel

PANEL_SIZE = 5
PANEL_PERMISSIONS = ("dispute:follow_up", "dip:publish_ruling", "dispute:manage", "legal_matter:oversee")


@register_panel
def disputes_panel(request: HttpRequest) -> Panel | None:
    user = request.user
    if not any(can_anywhere(user, permission) for permission in PANEL_PERMISSIONS):
        return None
    tasks = tasks_for(user)
    disputes = managed_disputes(user) if can_anywhere(user, "dispute:manage") else None
    context = {
        "tasks": list(tasks[:PANEL_SIZE]),
        "task_total": tasks.count(),
        "disputes": with_overdue(disputes[:PANEL_SIZE]) if disputes is not None else None,
        "dispute_total": disputes.count() if disputes is not None else 0,
        "can_oversee": can_anywhere(user, "legal_matter:oversee"),
    }
    if not (context["task_total"] or context["disputes"] is not None or context["can_oversee"]):
        return None  # a PPID with no DIP entry to make: nothing to show
    return Panel(title=_("Disputes and legal matters"), template="disputes/_panel.html", context=context)
