"""Template tags that let the request's staff page show its objections without the requests app
importing this one (the same direction as ppid.requests.timeline's registered sources)."""

from __future__ import annotations

from typing import Any

from django import template

from ppid.accounts.permissions import can
from ppid.requests.models import InformationRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def request_objections(context: template.Context, request: InformationRequest) -> dict[str, Any]:
    """The request's objections, and whether the viewer may register one at the desk (objection:register)."""
    user = context.get("user")
    return {
        "rows": list(request.objections.all()),
        "can_register": can(user, "objection:register", request),
    }
