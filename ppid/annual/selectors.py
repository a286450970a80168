"""Reads of annual reports: who sees which report, and the public list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from ppid.accounts.permissions import can, filter_visible, offices_where
from ppid.annual.models import AnnualReport
from ppid.annual.workflow import Status
from ppid.offices.models import Office

PER_PAGE = 50


def visible_reports(user: Any) -> QuerySet[AnnualReport]:
    return filter_visible(user, "report:view", AnnualReport.objects.select_related("office"))


def published_reports(*, office_code: str = "", year: int | None = None) -> QuerySet[AnnualReport]:
    """What the portal shows: published reports only (setiap saat information), optionally of one
    office or one year."""
    rows = AnnualReport.objects.filter(status=Status.PUBLISHED).select_related("office")
    if office_code:
        rows = rows.filter(office__code=office_code)
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def get_report_for(user: Any, pk: int) -> AnnualReport:
    """The report if `user` may read it, else 404 (never reveal that it exists)."""
    report = get_object_or_404(AnnualReport.objects.select_related("office", "approved_by"), pk=pk)
    if not can(user, "report:view", report):
        raise Http404
    return report


def writable_offices(user: Any) -> QuerySet[Office]:
    return Office.objects.filter(offices_where(user, "report:write")).order_by("path")
