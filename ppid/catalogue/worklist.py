"""The DIP panel on the staff home: the unit lists waiting for this person's step (liaison team:
its unit's open lists; PPID: submitted lists; Atasan PPID: arranged lists) and the serta-merta
items waiting for the Atasan PPID's review. Registered when ppid.catalogue's AppConfig is ready."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ppid.catalogue.selectors import has_dip_work, items_awaiting_review, waiting_lists
from ppid.web.worklists import Panel, register_panel

PANEL_SIZE = 5


@register_panel
def dip_panel(request: HttpRequest) -> Panel | None:
    if not has_dip_work(request.user):
        return None
    lists = waiting_lists(request.user)
    reviews = items_awaiting_review(request.user)
    return Panel(
        title=_("Public information list (DIP)"),
        template="catalogue/staff/_panel.html",
        context={
            "lists": list(lists[:PANEL_SIZE]),
            "lists_total": lists.count(),
            "reviews": list(reviews[:PANEL_SIZE]),
            "reviews_total": reviews.count(),
        },
    )
