"""Survey results for staff: per office (or rolled up with the offices below it) and period."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ppid.accounts.permissions import can, filter_visible
from ppid.offices.models import Office
from ppid.surveys.forms import ResultsFilterForm, default_period
from ppid.surveys.selectors import comments_for, element_rows, satisfaction

# Comments are read on screen; the newest are the ones staff can still act on.
COMMENTS_SHOWN = 100


@login_required
def survey_results(http: HttpRequest) -> HttpResponse:
    offices = filter_visible(http.user, "report:view", Office.objects.all(), office_field="")
    first = offices.first()
    if first is None:
        raise PermissionDenied
    start, end = default_period()
    data: Any = http.GET if "office" in http.GET else {"office": first.pk, "start": start, "end": end}
    form = ResultsFilterForm(data, offices=offices)
    context: dict[str, Any] = {"form": form}
    if "office" in form.errors:  # an office the user may not see, or none: as if it did not exist
        raise Http404
    if form.is_valid():
        office: Office = form.cleaned_data["office"]
        if not can(http.user, "report:view", office):  # the list above already narrows; say it where it matters
            raise PermissionDenied
        office_ids = [office.pk]
        if form.cleaned_data["include_descendants"]:
            office_ids += list(office.descendants().values_list("pk", flat=True))
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        result = satisfaction(office_ids, start, end)
        context.update(
            office=office,
            result=result,
            elements=element_rows(result),
            comments=comments_for(office_ids, start, end, limit=COMMENTS_SHOWN),
        )
    return render(http, "surveys/staff/results.html", context)
