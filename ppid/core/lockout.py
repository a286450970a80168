"""What a locked-out login sees (django-axes): a page on the web, JSON on the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_STATUS = 429


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        message = _("Too many failed logins. This account is locked for a while; try again later.")
        return JsonResponse({"detail": message}, status=LOCKED_STATUS)
    return render(request, "registration/locked_out.html", status=LOCKED_STATUS)
