"""Staff pages for disputes: the list, recording a case from an objection, and case documents.

The dispute's own page and its steps are in views_actions; the Atasan's legal-matters register in
views_legal. Views never write a stage: each step calls its one service function (STYLE.md §2).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can, can_anywhere
from ppid.core.steps import errors_onto_form
from ppid.disputes import selectors, services
from ppid.disputes.forms import DisputeFilterForm, DisputeRecordForm
from ppid.disputes.models import DisputeDocument
from ppid.disputes.services.filing import default_commission, filing_window_from
from ppid.disputes.workflow import Stage
from ppid.objections.models import Objection
from ppid.workdays.explain import DeadlineExplanation, deadline_explain
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, rule_set_for, rule_spec

LIST_PER_PAGE = 25


@login_required
def dispute_list(http: HttpRequest) -> HttpResponse:
    """The disputes of the offices the user reads (their own, and descendants as monitoring)."""
    if not can_anywhere(http.user, "dispute:view"):
        raise PermissionDenied
    offices = selectors.list_offices(http.user)
    form = DisputeFilterForm(http.GET or None, offices=offices)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {"stage": form.cleaned_data["stage"], "office": form.cleaned_data["office"]}
    rows = selectors.dispute_rows(http.user, **filters)
    page = Paginator(rows, LIST_PER_PAGE).get_page(http.GET.get("page"))
    query = http.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.with_overdue(page.object_list),
        "query": query.urlencode(),
        "can_oversee": can_anywhere(http.user, "legal_matter:oversee"),
    }
    return render(http, "disputes/list.html", context)


def _objection_for(user: Any, raw: str | None) -> Objection:
    """The objection named by ?keberatan=, if the user reads it as staff; else 404."""
    if not raw or not raw.isdigit():
        raise Http404
    objection = get_object_or_404(Objection.objects.select_related("office", "request", "rule_set"), pk=int(raw))
    if not can(user, "objection:view", objection.office):
        raise Http404
    return objection


def _window(objection: Objection, today: datetime.date) -> tuple[DeadlineExplanation | None, str]:
    """Pasal 37 ayat (2): when the window to go to the Commission opened and ends, counted for a
    filing today; or why no dispute can follow yet."""
    try:
        opened = filing_window_from(objection, today)
        spec = rule_spec(rule_set_for(objection.office, today), DeadlineStep.DISPUTE_FILING)
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    except NoRuleSet as exc:
        return None, str(exc)
    calendar = calendar_for_office(objection.office)
    return deadline_explain(calendar, opened, spec, office_label=objection.office.name), ""


@login_required
def dispute_new(http: HttpRequest) -> HttpResponse:
    """The legal unit records a case filed at the Commission: /staf/sengketa/baru/?keberatan=<pk>."""
    objection = _objection_for(http.user, http.GET.get("keberatan"))
    if not can(http.user, "dispute:manage", objection):
        raise PermissionDenied
    today = selectors.office_today(objection.office)
    if http.method == "POST":
        form = DisputeRecordForm(http.POST)
        if form.is_valid():
            try:
                dispute = services.dispute_record(objection=objection, actor=http.user, data=form.dispute_data())
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(http, _("Dispute recorded as %(number)s.") % {"number": dispute.dispute_number})
                if dispute.is_late:
                    messages.warning(
                        http,
                        _("It was filed after the window closed on %(day)s (Pasal 37 ayat (2) UU 14/2008).")
                        % {"day": dispute.filing_due_on.isoformat()},
                    )
                return redirect("disputes:detail", pk=dispute.pk)
    else:
        form = DisputeRecordForm(initial={"commission": default_commission(objection), "filed_on": today})
    window, window_error = _window(objection, today)
    context = {
        "objection": objection,
        "form": form,
        "window": window,
        "window_error": window_error,
        "open_disputes": objection.disputes.exclude(stage=Stage.CLOSED),
    }
    return render(http, "disputes/new.html", context)


@login_required
def document_download(http: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A case document, for whoever reads the dispute as staff (`dispute:view`)."""
    dispute = selectors.get_dispute_for(http.user, pk)
    document = get_object_or_404(DisputeDocument, pk=document_pk, dispute=dispute)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.original_name)
