"""Public page: the year's non-working days and the deadline calculator (no login)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ppid.offices.models import Office
from ppid.workdays.explain import reason_text
from ppid.workdays.forms import CalendarFilterForm, DeadlineForm
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, deadline_for, office_by_code


def _office(code: str | None) -> Office:
    try:
        return office_by_code(code)
    except Office.DoesNotExist:
        return office_by_code(None)


def calendar_page(request: HttpRequest) -> HttpResponse:
    """/hari-kerja/: non-working days of a year at an office, and "by when must I be answered?"."""
    filters = CalendarFilterForm(request.GET or None)
    year = timezone.localdate().year
    code = None
    if filters.is_valid():
        year = filters.cleaned_data.get("year") or year
        office_choice = filters.cleaned_data.get("office")
        code = office_choice.code if office_choice else None
    office = _office(code)
    calendar = calendar_for_office(office)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    days = [(day, [reason_text(r) for r in reasons]) for day, reasons in calendar.non_working_weekdays(first, last)]
    form = DeadlineForm(request.GET if "received_on" in request.GET else None, initial={"office": office.code})
    explanation = error = None
    if form.is_valid():
        try:
            explanation = deadline_for(
                form.cleaned_data["office"] or office, form.received_at(), form.cleaned_data["step"]
            )
        except NoRuleSet as exc:
            error = str(exc)
    context = {
        "office": office,
        "year": year,
        "days": days,
        "extra_days": calendar.extra_working_days(first, last),
        "filters": filters if filters.is_bound else CalendarFilterForm(initial={"office": office.code, "year": year}),
        "form": form,
        "explanation": explanation,
        "error": error,
    }
    return render(request, "workdays/calendar.html", context)
