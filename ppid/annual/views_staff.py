"""Staff pages of the annual report: list and start, the report with its narrative and steps, downloads.

Views never write status: each step calls its one service function (STYLE.md §2).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from ppid.accounts.permissions import can, can_anywhere
from ppid.annual import services
from ppid.annual.figures import collect_figures
from ppid.annual.forms import CreateForm, NarrativeForm, ReturnForm
from ppid.annual.layout import FIGURE_GROUPS, figure_rows
from ppid.annual.models import AnnualReport, AnnualReportRule
from ppid.annual.pdf import annual_report_pdf, pdf_filename
from ppid.annual.selectors import PER_PAGE, get_report_for, visible_reports, writable_offices
from ppid.annual.workflow import Status
from ppid.annual.xlsx import annual_report_xlsx, xlsx_filename
from ppid.core.spreadsheets import XLSX_TYPE


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for messages_ in error.message_dict.values() for m in messages_]
    return [str(m) for m in error.messages]


@login_required
def report_list(http: HttpRequest) -> HttpResponse:
    if not can_anywhere(http.user, "report:view"):
        raise PermissionDenied
    offices = writable_offices(http.user)
    form = CreateForm(http.POST or None, offices=offices)
    if http.method == "POST" and form.is_valid():
        try:
            report = services.annual_report_create(
                office=form.cleaned_data["office"], year=form.cleaned_data["year"], actor=http.user
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not do this."))
        else:
            messages.success(http, _("The annual report was started."))
            return redirect("annual:staff_detail", report.pk)
    page = Paginator(visible_reports(http.user).order_by("-year", "office__path"), PER_PAGE).get_page(
        http.GET.get("page")
    )
    context = {"form": form, "rows": page.object_list, "page": page, "can_create": offices.exists()}
    return render(http, "annual/staff/list.html", context, status=400 if form.errors else 200)


def _figure_context(report: AnnualReport) -> list[tuple[str, list[tuple[str, str, int]]]]:
    return [(str(heading), list(figure_rows(report.figures, group))) for group, heading in FIGURE_GROUPS.items()]


def _detail(
    http: HttpRequest,
    report: AnnualReport,
    *,
    narrative: NarrativeForm | None = None,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_write = can(http.user, "report:write", report)
    may_approve = can(http.user, "report:approve", report)
    rule = AnnualReportRule.for_year(report.year)
    context = {
        "report": report,
        "figures": _figure_context(report),
        "narrative": narrative or NarrativeForm(initial=report.narrative()),
        "return_form": return_form or ReturnForm(),
        "may_edit": may_write and report.status == Status.DRAFT,
        "may_submit": may_write and report.status == Status.DRAFT,
        "may_publish": may_write and report.status == Status.APPROVED,
        "may_approve": may_approve and report.status == Status.SUBMITTED,
        "rule": rule,
        "due_on": rule.due_on(report.year) if rule is not None else None,
    }
    return render(http, "annual/staff/detail.html", context, status=status)


@login_required
def report_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _detail(http, get_report_for(http.user, pk))


@login_required
@require_POST
def report_update(http: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for(http.user, pk)
    form = NarrativeForm(http.POST)
    if form.is_valid():
        try:
            services.annual_report_update(report=report, actor=http.user, narrative=form.cleaned_data)
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        except services.AnnualReportStateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(http, _("The narrative was saved."))
            return redirect("annual:staff_detail", report.pk)
    return _detail(http, report, narrative=form, status=400)


_STEPS: dict[str, tuple[Callable[..., AnnualReport], StrOrPromise]] = {
    "submit": (services.annual_report_submit, gettext_lazy("The report was submitted to the Atasan PPID.")),
    "approve": (services.annual_report_approve, gettext_lazy("The report was approved.")),
    "publish": (services.annual_report_publish, gettext_lazy("The report was published on the portal.")),
}


@login_required
@require_POST
def report_step(http: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Submit, approve or publish; `return` needs a note and has its own form."""
    report = get_report_for(http.user, pk)
    if step != "return" and step not in _STEPS:
        raise Http404
    return_form: ReturnForm | None = None
    try:
        if step == "return":
            return_form = ReturnForm(http.POST)
            if not return_form.is_valid():
                return _detail(http, report, return_form=return_form, status=400)
            services.annual_report_return(report=report, actor=http.user, note=return_form.cleaned_data["note"])
            messages.success(http, _("The report was returned to the PPID."))
        else:
            function, done = _STEPS[step]
            function(report=report, actor=http.user)
            messages.success(http, str(done))
    except ValidationError as error:
        for message in _errors(error):
            messages.error(http, message)
        return _detail(http, report, return_form=return_form, status=400)
    except services.AnnualReportStateError as error:
        messages.error(http, str(error))
        return _detail(http, report, return_form=return_form, status=409)
    return redirect("annual:staff_detail", report.pk)


@login_required
def report_pdf(http: HttpRequest, pk: int) -> HttpResponse:
    """The stored PDF once published; before that a preview (a draft counts its figures as of now)."""
    report = get_report_for(http.user, pk)
    if report.pdf:
        with report.pdf.open("rb") as stored:
            content = stored.read()
    else:
        preview = copy.copy(report)
        if not preview.figures:
            preview.figures = collect_figures(office=report.office, year=report.year, rollup=report.rollup)
        content = annual_report_pdf(preview)
    return _download(content, "application/pdf", pdf_filename(report))


@login_required
def report_xlsx(http: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for(http.user, pk)
    preview = copy.copy(report)
    if not preview.figures:
        preview.figures = collect_figures(office=report.office, year=report.year, rollup=report.rollup)
    return _download(annual_report_xlsx(preview), XLSX_TYPE, xlsx_filename(report))


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
